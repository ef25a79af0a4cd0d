#!/usr/bin/env bash
# Builds rust-named-alloc.wasm with Debian's Rust 1.63 (wasm32-unknown-unknown cdylib); `/usr/bin/rustc`
# explicitly, as a rustup rustc earlier on PATH has no wasm32 targets. --strip-debug drops std's
# DWARF (~5 MB) and keeps the name section.
set -euo pipefail
cd "$(dirname "$0")"
/usr/bin/rustc --edition 2021 --target wasm32-unknown-unknown --crate-type cdylib -C opt-level=2 \
  -C link-arg=--strip-debug lib.rs -o rust-named-alloc.wasm
