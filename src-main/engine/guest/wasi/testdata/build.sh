#!/bin/sh
# Rebuilds the WASI test modules. Needs Debian's clang-14, lld-14 and wasi-libc; the tests
# themselves only need the committed .wasm files.
set -eu
cd "$(dirname "$0")"
clang-14 --target=wasm32-wasi -O2 -s -o probe.wasm probe.c
