#!/usr/bin/env bash
# Builds wasi-io.wasm: a wasm32-wasi command reading stdin, GREETING, the clock and random bytes.
cd "$(dirname "$0")"
. ../lib.sh
build_c wasi-io -Wl,--strip-debug
