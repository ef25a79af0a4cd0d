#!/usr/bin/env bash
# Builds linked-list.wasm: a wasm32-wasi reactor exporting list_push/list_sum/list_free and malloc/free.
cd "$(dirname "$0")"
. ../lib.sh
need clang-14 clang-14; need wasm-ld-14 lld-14; need_wasi_libc
# Compile with -O2, link without -O: clang runs wasm-opt when linking with -O (if it is on PATH),
# which would drop the name section (function names in traps) and make the output depend on PATH.
clang-14 --target=wasm32-wasi -O2 -c linked-list.c -o linked-list.o
clang-14 --target=wasm32-wasi -mexec-model=reactor -Wl,--strip-debug \
  -Wl,--export=malloc -Wl,--export=free linked-list.o -o linked-list.wasm
rm -f linked-list.o
