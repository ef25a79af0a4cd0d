#!/usr/bin/env bash
# Builds rust-stripped.wasm: Debian's Rust 1.63 (wasm32-unknown-unknown cdylib) linked with
# --strip-all (no name section), then binaryen's wasm-opt --strip-producers (no producers).
set -euo pipefail
cd "$(dirname "$0")"
/usr/bin/rustc --edition 2021 --target wasm32-unknown-unknown --crate-type cdylib -C opt-level=2 \
  -C link-arg=--strip-all lib.rs -o rust-stripped.full.wasm
wasm-opt --strip-producers rust-stripped.full.wasm -o rust-stripped.wasm
rm rust-stripped.full.wasm
