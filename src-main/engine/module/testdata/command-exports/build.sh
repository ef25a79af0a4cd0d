#!/usr/bin/env bash
# Builds the command (command-exports.wasm) and the same code as a reactor
# (command-exports-reactor.wasm) with Debian's clang-19 and wasi-libc. Compiles with -O2, links
# without -O (clang would run wasm-opt from PATH and drop the name section).
set -euo pipefail
cd "$(dirname "$0")"
clang-19 --target=wasm32-wasi -O2 -c probe.c -o command.o
clang-19 --target=wasm32-wasi -fuse-ld=lld -Wl,--strip-debug command.o -o command-exports.wasm
clang-19 --target=wasm32-wasi -O2 -DREACTOR -c probe.c -o reactor.o
clang-19 --target=wasm32-wasi -mexec-model=reactor -fuse-ld=lld -Wl,--strip-debug reactor.o -o command-exports-reactor.wasm
rm -f command.o reactor.o
