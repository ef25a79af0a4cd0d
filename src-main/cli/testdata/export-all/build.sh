#!/bin/sh
# Rebuilds export-all.wasm (clang-19, wasi-libc).
cd "$(dirname "$0")"
clang-19 --target=wasm32-wasi -O1 -nostartfiles -Wl,--no-entry -Wl,--export-all -o export-all.wasm export-all.c
