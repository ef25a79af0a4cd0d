#!/usr/bin/env bash
# Builds double-free.wasm with Debian's Emscripten 3.1.6 and its emmalloc allocator
# (-sMALLOC=emmalloc): standalone (no JS glue), no main, exporting malloc and free;
# --profiling-funcs keeps function names (Memscope tells emmalloc from dlmalloc by them).
cd "$(dirname "$0")"
. ../lib.sh
need_emcc
run emcc -O2 double-free.c -o double-free.wasm --no-entry -sSTANDALONE_WASM -sMALLOC=emmalloc \
  -sEXPORTED_FUNCTIONS=_malloc,_free --profiling-funcs
