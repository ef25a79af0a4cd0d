#!/usr/bin/env bash
# Builds c-struct.wasm: a wasm32-wasi reactor exporting point_size/point_init/point_manhattan and malloc/free.
cd "$(dirname "$0")"
. ../lib.sh
build_c c-struct -mexec-model=reactor -Wl,--strip-debug -Wl,--export=malloc -Wl,--export=free
