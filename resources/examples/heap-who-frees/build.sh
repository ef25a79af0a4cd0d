#!/usr/bin/env bash
# Builds who-frees.wasm: a wasm32-wasi reactor exporting make_greeting, malloc and free.
cd "$(dirname "$0")"
. ../lib.sh
build_c who-frees -mexec-model=reactor -Wl,--strip-debug -Wl,--export=malloc -Wl,--export=free
