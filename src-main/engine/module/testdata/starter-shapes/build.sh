#!/usr/bin/env bash
# Builds the starter's real-toolchain fixtures (starter.test.ts): a clang-19 WASI command and a
# reactor exporting malloc and free beside text functions, a Rust module with wasm-bindgen's
# allocator exports (no wasm-bindgen run) and one with alloc(size, align) / dealloc.
set -euo pipefail
cd "$(dirname "$0")"
clang-19 --target=wasm32-wasi -O2 -c command.c -o command.o
clang-19 --target=wasm32-wasi -fuse-ld=lld -Wl,--strip-debug -Wl,--export=malloc -Wl,--export=free command.o -o command.wasm
clang-19 --target=wasm32-wasi -O2 -c arena.c -o arena.o
clang-19 --target=wasm32-wasi -mexec-model=reactor -fuse-ld=lld -Wl,--strip-debug -Wl,--export=malloc -Wl,--export=free arena.o -o arena.wasm
rm -f command.o arena.o
for name in wbindgen alloc-align; do
  /usr/bin/rustc --target wasm32-unknown-unknown --crate-type cdylib -O -C debuginfo=0 -C strip=debuginfo -o "$name.wasm" "$name.rs"
done
