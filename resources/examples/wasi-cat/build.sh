#!/usr/bin/env bash
# Builds wasi-cat.wasm: a wasm32-wasi command (_start runs main) that copies files to stdout.
cd "$(dirname "$0")"
. ../lib.sh
need clang-14 clang-14; need wasm-ld-14 lld-14; need_wasi_libc
# Compile with -O2, link without -O: clang runs wasm-opt when linking with -O (if it is on PATH),
# which would drop the name section (function names in traps) and make the output depend on PATH.
clang-14 --target=wasm32-wasi -O2 -c wasi-cat.c -o wasi-cat.o
clang-14 --target=wasm32-wasi -Wl,--strip-debug wasi-cat.o -o wasi-cat.wasm
rm -f wasi-cat.o
