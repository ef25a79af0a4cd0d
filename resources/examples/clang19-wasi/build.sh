#!/usr/bin/env bash
# Builds clang19-wasi.wasm with clang-19 and Debian's wasi-libc (wasm32-wasi command).
# Compiles with -O2, links without -O (clang would run wasm-opt from PATH and drop the name section).
cd "$(dirname "$0")"
. ../lib.sh
need_clang_wasi 19
run clang-19 --target=wasm32-wasi -O2 -c probe.c -o probe.o
run clang-19 --target=wasm32-wasi -fuse-ld=lld -Wl,--strip-debug probe.o -o clang19-wasi.wasm
rm -f probe.o
