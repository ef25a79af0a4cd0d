#!/usr/bin/env bash
# Builds rust-greet.wasm with Debian's Rust 1.63 (wasm32-unknown-unknown, a cdylib library).
# `/usr/bin/rustc` explicitly: a rustup rustc earlier on PATH has no wasm32 targets.
# --strip-debug drops ~5 MB of std's DWARF and keeps the name section (trap stacks).
cd "$(dirname "$0")"
. ../lib.sh
need_rust_wasm32 wasm32-unknown-unknown
run /usr/bin/rustc --edition 2021 --target wasm32-unknown-unknown --crate-type cdylib -C opt-level=2 \
  -C link-arg=--strip-debug greet.rs -o rust-greet.wasm
