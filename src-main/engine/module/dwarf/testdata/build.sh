#!/bin/sh
# Rebuilds the DWARF test modules (committed; the tests never compile). Debian bookworm:
# clang-19 lld-19 wasi-libc libclang-rt-19-dev-wasm32, rustc libstd-rust-dev-wasm32.
# C and C++ built without -O so nothing is folded away; Rust at opt-level 1, as at 0 it links
# 2 MB of core's debug info. `-g` gives DWARF 4 (clang's default for wasm), `-gdwarf-5` the
# string and address index forms of DWARF 5.
set -e
cd "$(dirname "$0")"
clang-19 --target=wasm32-wasi -mexec-model=reactor -g -o statics.wasm statics.c
clang-19 --target=wasm32-wasi -mexec-model=reactor -gdwarf-5 -o statics-dwarf5.wasm statics.c
clang-19 --target=wasm32 -nostdlib -fno-exceptions -g -Wl,--no-entry -o statics-cpp.wasm statics.cpp
clang-19 --target=wasm32 -nostdlib -fno-exceptions -g -Wl,--no-entry -o layout.wasm layout.cpp
clang-19 --target=wasm32-wasi -mexec-model=reactor -g -o list.wasm list.c
clang-19 --target=wasm32 -nostdlib -g -Wl,--no-entry -o many-statics.wasm many-statics.c
clang-19 --target=wasm32 -nostdlib -g -Wl,--no-entry -o frames.wasm frames.c
# At -O1, as a release build with debug info is: clang describes some statics through pieces and computations.
clang-19 --target=wasm32-wasi -mexec-model=reactor -O1 -g -o statics-o1.wasm statics-o1.c
/usr/bin/rustc --target wasm32-unknown-unknown --crate-type cdylib -g -C opt-level=1 -C panic=abort -o statics-rust.wasm statics.rs
/usr/bin/rustc --target wasm32-unknown-unknown --crate-type cdylib -g -C opt-level=1 -C panic=abort -o enums.wasm enums.rs
/usr/bin/rustc --target wasm32-unknown-unknown --crate-type cdylib -g -C opt-level=1 -C panic=abort -o shapes-rust.wasm shapes.rs
# Standard containers (containers.test.ts). Rust with std for wasm32-unknown-unknown (its
# allocator the dlmalloc crate): thin LTO links only the std code used, where a plain build
# carries 5 MB of std's debug info (fat LTO drops the statics' DWARF). C++ with libc++
# (libc++-19-dev-wasm32, libc++abi-19-dev-wasm32) over wasi-libc, at -O1 as a real build is.
# The tests read statics only: llvm-objcopy (llvm-19) drops the line, location and name-index
# sections, half of each file.
/usr/bin/rustc --target wasm32-unknown-unknown --crate-type cdylib -g -C opt-level=1 -C lto=thin -C panic=abort -o containers-rust.wasm containers.rs
clang++-19 --target=wasm32-wasi -std=c++20 -O1 -g -fno-exceptions -mexec-model=reactor -fuse-ld=lld -Wl,--export=malloc -Wl,--export=free -o containers-cpp.wasm containers.cpp
clang++-19 --target=wasm32-wasi -std=c++20 -O1 -g -fno-exceptions -mexec-model=reactor -fuse-ld=lld -Wl,--export=malloc -Wl,--export=free -o nested-cpp.wasm nested.cpp
for m in containers-rust.wasm containers-cpp.wasm nested-cpp.wasm; do
  llvm-objcopy-19 --remove-section=.debug_loc --remove-section=.debug_ranges --remove-section=.debug_line \
    --remove-section=.debug_pubnames --remove-section=.debug_pubtypes "$m"
done
# Source paths (debug-line.test.ts). C built in paths/, the module written here: the compilation
# directory is neither the source's folder nor the module's, and the line table names the files
# relative to it. Rust: core's code, with thin LTO as above, its files relative to core's
# compilation directory (/usr/src/rustc-1.63.0); the sections the line test does not read dropped.
(cd paths && clang-19 --target=wasm32 -nostdlib -g -Wl,--no-entry -I include -o ../paths-dwarf4.wasm src/paths.c)
(cd paths && clang-19 --target=wasm32 -nostdlib -gdwarf-5 -Wl,--no-entry -I include -o ../paths-dwarf5.wasm src/paths.c)
/usr/bin/rustc --target wasm32-unknown-unknown --crate-type cdylib -g -C opt-level=1 -C lto=thin -C panic=abort -o core-paths-rust.wasm core-paths.rs
llvm-objcopy-19 --remove-section=.debug_loc --remove-section=.debug_ranges \
  --remove-section=.debug_pubnames --remove-section=.debug_pubtypes core-paths-rust.wasm
# Two DWARF 5 units (statics.test.ts): each with its own string-offsets and address bases.
clang-19 --target=wasm32 -nostdlib -gdwarf-5 -Wl,--no-entry -Wl,--export-all -o units-dwarf5.wasm units-a.c units-b.c
