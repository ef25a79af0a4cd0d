#!/usr/bin/env bash
# Builds rust-wasi.wasm with Debian's Rust 1.63 (wasm32-wasi, a command: `_start` runs main).
cd "$(dirname "$0")"
. ../lib.sh
need_rust_wasm32 wasm32-wasi
run /usr/bin/rustc --edition 2021 --target wasm32-wasi -C opt-level=2 -C link-arg=--strip-debug \
  probe.rs -o rust-wasi.wasm
