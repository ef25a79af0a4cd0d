#!/usr/bin/env bash
# Builds print-builtin.wasm from hand-written WAT; --debug-names keeps function names.
cd "$(dirname "$0")"
. ../lib.sh
need wat2wasm wabt
wat2wasm --debug-names print-builtin.wat -o print-builtin.wasm
