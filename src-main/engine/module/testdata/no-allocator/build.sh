#!/bin/sh
# Modules from four real toolchains, each built the way a newcomer's first build exports no
# allocator (starter.test.ts checks the starter says how to export one). Debian's emscripten
# (3.1.6), clang-19 with wasi-libc, rustc 1.63 with wasm32 std, and the project's asc.
set -e
cd "$(dirname "$0")"
NODE_PATH=/usr/share/nodejs emcc upper.c -O1 -o emscripten.js -sEXPORTED_FUNCTIONS=_upper
rm -f emscripten.js
clang-19 --target=wasm32-wasi -mexec-model=reactor -O1 upper.c -o c-reactor.wasm -Wl,--export=upper,--strip-debug
/usr/bin/rustc --target wasm32-unknown-unknown --crate-type cdylib -O -C strip=debuginfo count.rs -o rust.wasm
../../../../../node_modules/.bin/asc greet.ts -O -o assemblyscript.wasm
