#!/bin/sh
# Valid modules using features Node 20's V8 (11.3) does not run. Rebuild from this directory.
set -e
B=../../../../../node_modules/binaryen/bin
# Linked by wasm-ld itself: clang -O1 would run a wasm-opt found on PATH, too old for relaxed SIMD.
clang-19 --target=wasm32-wasi -O1 -msimd128 -mrelaxed-simd -c relaxed-simd.c -o relaxed-simd.o
wasm-ld-19 --no-entry --export=rs relaxed-simd.o -o relaxed-simd.wasm && rm relaxed-simd.o
$B/wasm-as --all-features exnref.wat -o exnref.wasm
wat2wasm --enable-all extended-const.wat -o extended-const.wasm
$B/wasm-as --all-features gc-struct.wat -o gc-struct.wasm
