#!/bin/sh
# clang 19 (Debian), wasi-libc: bulk memory on, so memcpy/memset are memory.copy/memory.fill.
set -e
cd "$(dirname "$0")"
clang-19 --target=wasm32-wasi -O2 -mbulk-memory -nostartfiles -Wl,--no-entry \
  -Wl,--export=malloc -Wl,--export=free kinds.c -o kinds.wasm
