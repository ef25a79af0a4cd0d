#!/usr/bin/env bash
# Builds emscripten-greet.wasm with Debian's Emscripten 3.1.6: a standalone module (no JS glue),
# no main (--no-entry), exporting greet, malloc and free; --profiling-funcs keeps function names.
# Uses Emscripten's default (frozen) cache: an empty EM_CACHE fails with FROZEN_CACHE.
cd "$(dirname "$0")"
. ../lib.sh
need_emcc
run emcc -O2 greet.c -o emscripten-greet.wasm --no-entry -sSTANDALONE_WASM \
  -sEXPORTED_FUNCTIONS=_greet,_malloc,_free --profiling-funcs
