#!/bin/sh
# Builds unstable.wasm with clang-19 (no libc: the wasi_unstable imports are declared in the
# source). The tests only need the committed .wasm.
set -eu
cd "$(dirname "$0")"
clang-19 --target=wasm32-wasi -O2 -nostdlib -fuse-ld=lld -Wl,--no-entry -Wl,--export=_start -Wl,--strip-debug \
  unstable.c -o unstable.wasm
