#!/usr/bin/env bash
# Builds multi-value.wasm from hand-written WAT; --debug-names keeps function/local names.
cd "$(dirname "$0")"
. ../lib.sh
need wat2wasm wabt
wat2wasm --debug-names multi-value.wat -o multi-value.wasm
