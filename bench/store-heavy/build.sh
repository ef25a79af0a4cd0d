#!/usr/bin/env bash
# Builds store-heavy.wasm (clang-14, wasm32-wasi reactor) for bench/provenance.bench.ts.
cd "$(dirname "$0")"
. ../../resources/examples/lib.sh
build_c store-heavy -mexec-model=reactor -Wl,--strip-debug
