#!/usr/bin/env bash
# Builds packed-i64.wasm: a wasm32-wasi reactor exporting greeting (i32, i32) -> i64 and malloc/free.
cd "$(dirname "$0")"
. ../lib.sh
build_c packed-i64 -mexec-model=reactor -Wl,--strip-debug -Wl,--export=malloc -Wl,--export=free
