#!/usr/bin/env bash
# Builds the seed story's module (resources/examples/return-string/return-string.c, a TinyGo-style
# result pointer) with clang-19 and clang-22 and Debian's wasi-libc, with the demo's own flags
# (reactor; malloc/free exported; linked without -O so the name section stays), so the seed
# story's sequence runs against each (run-toolchain-demos.test.ts, `--module`).
set -euo pipefail
cd "$(dirname "$0")"
SRC=../../../../resources/examples/return-string/return-string.c
for v in 19 22; do
  command -v "clang-$v" >/dev/null || { echo "error: clang-$v not found; install the Debian packages 'clang-$v lld-$v libclang-rt-$v-dev-wasm32'" >&2; exit 127; }
  echo "clang-$v --target=wasm32-wasi -Wno-deprecated -O2 -c $SRC -o seed.o"
  "clang-$v" --target=wasm32-wasi -Wno-deprecated -O2 -c "$SRC" -o seed.o
  echo "clang-$v --target=wasm32-wasi -Wno-deprecated -fuse-ld=lld -mexec-model=reactor -Wl,--strip-debug -Wl,--export=malloc -Wl,--export=free seed.o -o return-string.clang$v.wasm"
  "clang-$v" --target=wasm32-wasi -Wno-deprecated -fuse-ld=lld -mexec-model=reactor -Wl,--strip-debug -Wl,--export=malloc -Wl,--export=free seed.o -o "return-string.clang$v.wasm"
done
rm -f seed.o
