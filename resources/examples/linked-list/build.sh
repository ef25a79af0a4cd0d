#!/usr/bin/env bash
# Builds linked-list.wasm: a wasm32-wasi reactor exporting list_push/list_sum/list_free and malloc/free.
cd "$(dirname "$0")"
. ../lib.sh
build_c linked-list -mexec-model=reactor -Wl,--strip-debug -Wl,--export=malloc -Wl,--export=free
