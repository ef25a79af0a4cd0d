#!/usr/bin/env bash
# Builds clang22-wasi.wasm: the clang19-wasi demo's probe.c (the C probe of the WASI conformance
# tests) compiled by clang-22 (Debian bookworm-security) with Debian's wasi-libc, so the tests
# cover a second clang. --target=wasm32-wasi (deprecated in 22, but wasm32-wasip1 does not find
# Debian's wasi-libc headers). Links without -O (no wasm-opt from PATH; the name section stays).
set -euo pipefail
cd "$(dirname "$0")"
SRC=../../../../resources/examples/clang19-wasi/probe.c
command -v clang-22 >/dev/null || { echo "error: clang-22 not found; install the Debian packages 'clang-22 lld-22 libclang-rt-22-dev-wasm32'" >&2; exit 127; }
echo "clang-22 --target=wasm32-wasi -Wno-deprecated -O2 -c $SRC -o probe.o"
clang-22 --target=wasm32-wasi -Wno-deprecated -O2 -c "$SRC" -o probe.o
echo "clang-22 --target=wasm32-wasi -Wno-deprecated -fuse-ld=lld -Wl,--strip-debug probe.o -o clang22-wasi.wasm"
clang-22 --target=wasm32-wasi -Wno-deprecated -fuse-ld=lld -Wl,--strip-debug probe.o -o clang22-wasi.wasm
rm -f probe.o
