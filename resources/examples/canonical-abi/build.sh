#!/usr/bin/env bash
# Builds canonical-abi.wasm from hand-written WAT; --debug-names keeps function names.
cd "$(dirname "$0")"
. ../lib.sh
need wat2wasm wabt
wat2wasm --debug-names canonical-abi.wat -o canonical-abi.wasm
