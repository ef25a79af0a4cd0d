#!/usr/bin/env bash
# Emscripten 3.1.6 (Debian: apt-get install -y emscripten), JS-glue output; only the .wasm is kept.
set -euo pipefail
cd "$(dirname "$0")"
export NODE_PATH=/usr/share/nodejs
emcc -O2 copy.c -o emscripten-copy.js -sEXPORTED_FUNCTIONS=_copy,_malloc,_free --profiling-funcs
rm -f emscripten-copy.js
