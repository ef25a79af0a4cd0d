#!/usr/bin/env bash
# Emscripten 3.1.6 (Debian: apt-get install -y emscripten), JS-glue output with memory growth;
# only the .wasm is kept. Initial memory 16 MiB (the default), no maximum but Emscripten's own.
# grow-standalone.wasm: the same source with -sSTANDALONE_WASM: malloc grows memory itself and
# tells the host through env.emscripten_notify_memory_growth.
set -euo pipefail
cd "$(dirname "$0")"
export NODE_PATH=/usr/share/nodejs
emcc -O2 grow.c -o emscripten-grow.js -sALLOW_MEMORY_GROWTH -sEXPORTED_FUNCTIONS=_fill_block,_malloc,_free --profiling-funcs
rm -f emscripten-grow.js
emcc -O2 grow.c -o grow-standalone.wasm -sSTANDALONE_WASM --no-entry -sALLOW_MEMORY_GROWTH -sEXPORTED_FUNCTIONS=_fill_block,_malloc,_free --profiling-funcs
