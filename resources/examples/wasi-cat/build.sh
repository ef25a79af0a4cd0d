#!/usr/bin/env bash
# Builds wasi-cat.wasm: a wasm32-wasi command (_start runs main) that copies files to stdout.
cd "$(dirname "$0")"
. ../lib.sh
build_c wasi-cat -Wl,--strip-debug
