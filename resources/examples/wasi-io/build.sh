#!/usr/bin/env bash
# Builds wasi-io.wasm: a wasm32-wasi command reading stdin, GREETING, the clock and random bytes.
cd "$(dirname "$0")"
. ../lib.sh
need clang-14 clang-14; need wasm-ld-14 lld-14; need_wasi_libc
# Compile with -O2, link without -O: clang runs wasm-opt when linking with -O (if it is on PATH),
# which would drop the name section (function names in traps) and make the output depend on PATH.
clang-14 --target=wasm32-wasi -O2 -c wasi-io.c -o wasi-io.o
clang-14 --target=wasm32-wasi -Wl,--strip-debug wasi-io.o -o wasi-io.wasm
rm -f wasi-io.o
