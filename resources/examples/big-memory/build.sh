#!/usr/bin/env bash
# Builds big-memory.wasm from hand-written WAT; --debug-names keeps function names.
cd "$(dirname "$0")"
. ../lib.sh
need wat2wasm wabt
wat2wasm --debug-names big-memory.wat -o big-memory.wasm
