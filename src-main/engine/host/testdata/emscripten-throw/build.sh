#!/usr/bin/env bash
# Emscripten 3.1.6 (Debian: apt-get install -y emscripten); only the .wasm files are kept.
# throw-js.wasm: JS-glue output with Emscripten's default exceptions (JavaScript, catching off).
# throw-wasm.wasm: standalone, -fwasm-exceptions (the exception-handling proposal's try/throw).
set -euo pipefail
cd "$(dirname "$0")"
export NODE_PATH=/usr/share/nodejs
em++ -O2 throw.cpp -o throw-js.js -sEXPORTED_FUNCTIONS=_malloc,_free --profiling-funcs
rm -f throw-js.js
em++ -O2 -fwasm-exceptions throw.cpp -o throw-wasm.wasm --no-entry -sSTANDALONE_WASM --profiling-funcs \
  -sEXPORTED_FUNCTIONS=_malloc,_free
