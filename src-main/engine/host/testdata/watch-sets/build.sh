#!/bin/sh
# clang 19 (Debian), -O0 -g: i lives in bump's stack frame, which DWARF places (stopLocals).
set -e
cd "$(dirname "$0")"
clang-19 --target=wasm32-wasi -O0 -g -nostdlib -Wl,--no-entry bump.c -o bump.wasm
