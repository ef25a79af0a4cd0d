#!/usr/bin/env bash
# Emscripten 3.1.6 (Debian: apt-get install -y emscripten), JS-glue output with memory growth;
# only the .wasm is kept. Initial memory 16 MiB (the default), no maximum but Emscripten's own.
set -euo pipefail
cd "$(dirname "$0")"
export NODE_PATH=/usr/share/nodejs
emcc -O2 grow.c -o emscripten-grow.js -sALLOW_MEMORY_GROWTH -sEXPORTED_FUNCTIONS=_fill_block,_malloc,_free --profiling-funcs
rm -f emscripten-grow.js
