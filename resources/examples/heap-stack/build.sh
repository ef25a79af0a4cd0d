#!/usr/bin/env bash
# Builds stack.wasm: a wasm32-wasi reactor exporting deepest, stack_now, malloc and free; it
# imports env.level (left undefined at link time, so wasm-ld imports it).
cd "$(dirname "$0")"
. ../lib.sh
build_c stack -mexec-model=reactor -Wl,--strip-debug -Wl,--export=malloc -Wl,--export=free -Wl,--allow-undefined
