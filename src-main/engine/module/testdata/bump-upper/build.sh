#!/usr/bin/env bash
# Builds bump-upper.wasm with Debian's clang-19 for wasm32-unknown-unknown, without libc.
set -euo pipefail
cd "$(dirname "$0")"
clang-19 --target=wasm32-unknown-unknown -O2 -nostdlib -Wl,--no-entry -o bump-upper.wasm bump-upper.c
