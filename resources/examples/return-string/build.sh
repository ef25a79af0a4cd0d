#!/usr/bin/env bash
# Builds return-string.wasm: a wasm32-wasi reactor (no main, _initialize) exporting malloc/free.
cd "$(dirname "$0")"
. ../lib.sh
build_c return-string -mexec-model=reactor -Wl,--strip-debug -Wl,--export=malloc -Wl,--export=free
