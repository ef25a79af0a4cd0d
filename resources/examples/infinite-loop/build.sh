#!/usr/bin/env bash
# Builds infinite-loop.wasm from hand-written WAT; --debug-names keeps function names.
cd "$(dirname "$0")"
. ../lib.sh
need wat2wasm wabt
wat2wasm --debug-names infinite-loop.wat -o infinite-loop.wasm
