#!/usr/bin/env bash
# Builds trap.wasm from hand-written WAT; --debug-names writes the name section the trap stack uses.
cd "$(dirname "$0")"
. ../lib.sh
need wat2wasm wabt
wat2wasm --debug-names trap.wat -o trap.wasm
