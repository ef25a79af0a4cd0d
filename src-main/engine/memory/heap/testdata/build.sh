#!/bin/sh
# Rebuilds the heap walker test modules from heap.c (and heap.rs): one per allocator. The tests
# only need the committed .wasm files. Needs Debian's clang-14 lld-14 wasi-libc
# libclang-rt-14-dev-wasm32, clang-19 lld-19 libclang-rt-19-dev-wasm32 (and libc++ for cpp-words.cpp), emscripten, rustc libstd-rust-dev-wasm32.
set -eu
cd "$(dirname "$0")"
# wasi-libc's dlmalloc (clang): a reactor exporting the allocator; names kept (no -s).
clang-14 --target=wasm32-wasi -O2 -mexec-model=reactor \
  -Wl,--export=malloc -Wl,--export=free -o heap-wasi.wasm heap.c
# A buffer grown with realloc, in place and moved (ledger-resize.test.ts), and realloc exported
# for the host: clang-19, as the
# clang19-wasi demo; -O2 compiles, the link strips wasi-libc's debug sections.
clang-19 --target=wasm32-wasi -O2 -mexec-model=reactor -fuse-ld=lld -Wl,--strip-debug \
  -Wl,--export=malloc -Wl,--export=free -Wl,--export=realloc -o builder.wasm builder.c
# clang-22 (lld-22, libclang-rt-22-dev-wasm32): wasm-ld puts the stack first by default, and a
# module without string constants has no data segments at all (walkers.test.ts).
clang-22 --target=wasm32-wasi -O2 --no-wasm-opt -mexec-model=reactor -Wl,--strip-debug \
  -Wl,--export=malloc,--export=free,--export=squares -o stack-first.wasm stack-first.c
# Two dlmalloc segments: memory grown behind malloc's back (walkers.test.ts).
clang-19 --target=wasm32-wasi -O2 -mexec-model=reactor -fuse-ld=lld -Wl,--strip-debug \
  -Wl,--export=malloc,--export=free -o segments.wasm segments.c
# C++ (libc++ over wasi-libc's malloc) for ledger-cpp.test.ts: also libc++-19-dev-wasm32, libc++abi-19-dev-wasm32.
clang++-19 --target=wasm32-wasi -O2 -fno-exceptions -mexec-model=reactor -fuse-ld=lld -Wl,--strip-debug \
  -Wl,--export=malloc -Wl,--export=free -o cpp-words.wasm cpp-words.cpp
# A static vector of unique_ptrs that loses one (heap-mark.test.ts), the same way.
clang++-19 --target=wasm32-wasi -O2 -fno-exceptions -mexec-model=reactor -fuse-ld=lld -Wl,--strip-debug \
  -Wl,--export=malloc -Wl,--export=free -o cpp-registry.wasm cpp-registry.cpp
# Emscripten's default dlmalloc and its emmalloc, standalone (no JS glue), names kept.
emcc -O2 heap.c -o heap-emcc.wasm --no-entry -sSTANDALONE_WASM -sALLOW_MEMORY_GROWTH \
  --profiling-funcs -sEXPORTED_FUNCTIONS=_malloc,_free
emcc -O2 heap.c -o heap-emmalloc.wasm --no-entry -sSTANDALONE_WASM -sALLOW_MEMORY_GROWTH \
  -sMALLOC=emmalloc --profiling-funcs -sEXPORTED_FUNCTIONS=_malloc,_free
# Emscripten with -pthread (shared memory; dlmalloc built with USE_LOCKS). STANDALONE_WASM does
# not take pthreads, so the JS glue is written and dropped: Memscope runs the module without it.
emcc -O2 heap.c -o heap-emcc-pthread.js -pthread --profiling-funcs -sEXPORTED_FUNCTIONS=_malloc,_free
rm heap-emcc-pthread.js heap-emcc-pthread.worker.js
# Rust 1.63 (Debian) for wasm32-unknown-unknown: std's allocator is the dlmalloc crate; names kept.
/usr/bin/rustc --target wasm32-unknown-unknown --crate-type cdylib -O -C link-arg=--strip-debug \
  -o heap-rust.wasm heap.rs
# AssemblyScript (npm 'assemblyscript' in the repository): TLSF with the incremental GC (the
# default) and with the minimal runtime; --debug keeps the name section.
# The source is heap-as.as so the repository's TypeScript build leaves it alone; asc wants .ts.
ASC="$(pwd)/../../../../../node_modules/.bin/asc"
here=$(pwd) && tmp=$(mktemp -d) && cp heap-as.as "$tmp/heap-as.ts"
(cd "$tmp" && "$ASC" heap-as.ts --exportRuntime -O2 --debug --noColors -o "$here/heap-as.wasm" &&
  "$ASC" heap-as.ts --exportRuntime --runtime minimal -O2 --debug --noColors -o "$here/heap-as-minimal.wasm")
rm -r "$tmp"
# The same with a grow() export, so the guest grows memory behind TLSF's back (walkers.test.ts).
tmp=$(mktemp -d) && cp heap-as-grow.as "$tmp/heap-as-grow.ts"
(cd "$tmp" && "$ASC" heap-as-grow.ts --exportRuntime -O2 --debug --noColors -o "$here/heap-as-grow.wasm")
rm -r "$tmp"
# The same Rust for wasm32-wasi, where std's allocator is wasi-libc's malloc.
/usr/bin/rustc --target wasm32-wasi --crate-type cdylib -O -C link-arg=--strip-debug \
  -o heap-rust-wasi.wasm heap.rs
# Rust's HashMap in a static and in a lost box (rust-map.test.ts), wasm32-unknown-unknown.
/usr/bin/rustc --target wasm32-unknown-unknown --crate-type cdylib -O -C link-arg=--strip-debug \
  -o rust-map.wasm rust-map.rs
# C's calloc, aligned_alloc and posix_memalign exported for the host (c-allocs.test.ts).
clang-19 --target=wasm32-wasi -O2 -mexec-model=reactor -fuse-ld=lld -Wl,--strip-debug \
  -Wl,--export=malloc,--export=free,--export=calloc,--export=aligned_alloc,--export=posix_memalign -o c-allocs.wasm c-allocs.c
# The same built without --debug (no name section), with the incremental and the stub runtime:
# the shadow stack pointer and the runtime are found from the module's structure (as-nonames.test.ts).
tmp=$(mktemp -d) && cp heap-as.as "$tmp/heap-as.ts"
(cd "$tmp" && "$ASC" heap-as.ts --exportRuntime -O1 --noColors -o "$here/heap-as-nonames.wasm" &&
  "$ASC" heap-as.ts --exportRuntime --runtime stub -O1 --noColors -o "$here/heap-as-stub-nonames.wasm")
rm -r "$tmp"
# RTTI whose trailing flags binaryen trims, with the minimal runtime (no shadow stack), no names (as-nonames.test.ts).
tmp=$(mktemp -d) && cp heap-as-cyclic.as "$tmp/heap-as-cyclic.ts"
(cd "$tmp" && "$ASC" heap-as-cyclic.ts --exportRuntime --runtime minimal -O1 --noColors -o "$here/heap-as-cyclic.wasm")
rm -r "$tmp"
# A program global that looks like the shadow stack pointer, no names (as-nonames.test.ts).
tmp=$(mktemp -d) && cp heap-as-twoglobals.as "$tmp/heap-as-twoglobals.ts"
(cd "$tmp" && "$ASC" heap-as-twoglobals.ts --exportRuntime -O1 --noColors -o "$here/heap-as-twoglobals.wasm")
rm -r "$tmp"
# Allocation patterns (patterns.test.ts): a double free inside one call, aligned allocations,
# realloc that moves, grows and shrinks, zero sizes; wasi-libc's dlmalloc, Emscripten's dlmalloc and emmalloc.
clang-19 --target=wasm32-wasi -O2 -mexec-model=reactor -fuse-ld=lld -Wl,--strip-debug \
  -Wl,--export=malloc,--export=free,--export=realloc,--export=calloc -o patterns-wasi.wasm patterns.c
emcc -O2 patterns.c -o patterns-emcc.wasm --no-entry -sSTANDALONE_WASM -sALLOW_MEMORY_GROWTH \
  --profiling-funcs -sEXPORTED_FUNCTIONS=_malloc,_free,_realloc,_calloc
emcc -O2 patterns.c -o patterns-emmalloc.wasm --no-entry -sSTANDALONE_WASM -sALLOW_MEMORY_GROWTH -sMALLOC=emmalloc \
  --profiling-funcs -sEXPORTED_FUNCTIONS=_malloc,_free,_realloc,_calloc
# C++ new[] and delete[] (an array cookie before objects with a destructor), as cpp-words (patterns.test.ts).
clang++-19 --target=wasm32-wasi -O2 -fno-exceptions -mexec-model=reactor -fuse-ld=lld -Wl,--strip-debug \
  -Wl,--export=malloc -Wl,--export=free -o arrays.wasm arrays.cpp
# Rust Vec growth and Box drop, wasm32-unknown-unknown (patterns.test.ts).
/usr/bin/rustc --target wasm32-unknown-unknown --crate-type cdylib -O -C link-arg=--strip-debug \
  -o vecs.wasm vecs.rs
# Guest double frees (one with another free between), a free into a block's middle, and correct
# programs that churn small and large blocks (double-free.test.ts): the three C allocators and,
# in unsafe Rust, the dlmalloc crate (wasm32-unknown-unknown), whose release build checks no free.
clang-19 --target=wasm32-wasi -O2 -mexec-model=reactor -fuse-ld=lld -Wl,--strip-debug \
  -Wl,--export=malloc,--export=free,--export=realloc,--export=calloc -o doublefree-wasi.wasm doublefree.c
emcc -O2 doublefree.c -o doublefree-emcc.wasm --no-entry -sSTANDALONE_WASM -sALLOW_MEMORY_GROWTH \
  --profiling-funcs -sEXPORTED_FUNCTIONS=_malloc,_free,_realloc,_calloc
emcc -O2 doublefree.c -o doublefree-emmalloc.wasm --no-entry -sSTANDALONE_WASM -sALLOW_MEMORY_GROWTH -sMALLOC=emmalloc \
  --profiling-funcs -sEXPORTED_FUNCTIONS=_malloc,_free,_realloc,_calloc
/usr/bin/rustc --target wasm32-unknown-unknown --crate-type cdylib -O -C link-arg=--strip-debug \
  -o doublefree-rust.wasm doublefree.rs
# Rust's heap as a program uses it (rust-heap.test.ts): a Vec leaked into a static, a forgotten
# String, Rust's alloc/dealloc exports for the host's double free; both of Rust's allocators.
# -C opt-level=s; the link strips debug info but keeps the name section (owners by function name).
/usr/bin/rustc --target wasm32-wasi --crate-type cdylib -C opt-level=s -C link-arg=--strip-debug \
  -o rust-heap-wasi.wasm rust-heap.rs
/usr/bin/rustc --target wasm32-unknown-unknown --crate-type cdylib -C opt-level=s -C link-arg=--strip-debug \
  -o rust-heap.wasm rust-heap.rs
# A C command with main(argc, argv) (startup-argv.test.ts), built as a plain `clang -O2` does:
# with binaryen's wasm-opt on PATH clang runs it, which drops the name section but keeps
# wasi-libc's DWARF (the module has no function names; its dlmalloc is found by _gm_).
clang-19 --target=wasm32-wasi -O2 -fuse-ld=lld -o cmd-args.wasm cmd-args.c
# Optimised, no names (walkers.test.ts): clang-22 -Oz runs wasm-opt (on PATH with binaryen), which
# drops the names; wasm-ld 22 puts the stack first, so nothing says where the heap starts.
clang-22 --target=wasm32-wasi -Wno-deprecated -Oz -mexec-model=reactor \
  -Wl,--export=malloc,--export=free,--export=greet,--export=usable -o nonames-clang22.wasm nonames.c
# emcc -O2 without --profiling-funcs: nothing names emmalloc or dlmalloc.
emcc -O2 nonames.c -o nonames-emmalloc.wasm --no-entry -sSTANDALONE_WASM -sMALLOC=emmalloc \
  -sEXPORTED_FUNCTIONS=_malloc,_free,_greet,_usable
emcc -O2 nonames.c -o nonames-emcc.wasm --no-entry -sSTANDALONE_WASM -sMALLOC=dlmalloc \
  -sEXPORTED_FUNCTIONS=_malloc,_free,_greet,_usable
# Stripped after the link (stripped.test.ts): llvm-strip drops the name, producers and debug
# sections, so nothing names the toolchain or the allocator; malloc is not exported (its dlmalloc
# is found by its state's shape, as a reactor's _initialize export says it is wasi-libc's).
clang-19 --target=wasm32-wasi -O2 -mexec-model=reactor -fuse-ld=lld \
  -Wl,--export=greet,--export=usable -o stripped.wasm nonames.c
llvm-strip-19 stripped.wasm
# No data segments, all static data .bss (bss-only.test.ts): clang-22 -Oz with wasm-opt (stack
# first, no names, libc's DWARF kept), and stripped by the link (-Wl,--strip-all: no names,
# producers or DWARF) with clang-19 (data first) and clang-22 (stack first).
clang-22 --target=wasm32-wasi -Wno-deprecated -Oz -mexec-model=reactor \
  -Wl,--export=malloc,--export=free,--export=keep,--export=lose -o bss-only.wasm bss-only.c
clang-19 --target=wasm32-wasi -O2 -mexec-model=reactor -Wl,--export=keep,--export=lose -Wl,--strip-all \
  -o bss-only-stripped19.wasm bss-only.c
clang-22 --target=wasm32-wasi -Wno-deprecated -O2 -mexec-model=reactor -Wl,--export=keep,--export=lose -Wl,--strip-all \
  -o bss-only-stripped22.wasm bss-only.c
# Statics typed by DWARF in the leak scan (typed-roots.test.ts): clang-19 -g keeps the program's
# DWARF, whose types say a char table's bytes hold no address where a pointer's and a uintptr_t's may.
clang-19 --target=wasm32-wasi -O2 -g -mexec-model=reactor -fuse-ld=lld \
  -Wl,--export=malloc,--export=free,--export=spell,--export=keep,--export=hide -o typed-roots.wasm typed-roots.c
