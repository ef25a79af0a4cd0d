# Shared helpers for the per-example build.sh scripts: fail loudly when a tool is missing.
set -euo pipefail

# need TOOL DEBIAN_PACKAGE: stop with a message naming the package that provides TOOL.
need() {
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "error: '$1' not found; install the Debian package '$2' (apt-get install -y $2)" >&2
    exit 127
  fi
}

# need_wasi_libc: clang's wasm32-wasi sysroot (headers, libc.a, crt1-*.o) and compiler-rt builtins.
need_wasi_libc() {
  if [ ! -f /usr/lib/wasm32-wasi/libc.a ]; then
    echo "error: wasi-libc sysroot missing (/usr/lib/wasm32-wasi/libc.a); install the Debian package 'wasi-libc'" >&2
    exit 127
  fi
  if ! compgen -G "/usr/lib/llvm-14/lib/clang/*/lib/wasi/libclang_rt.builtins-wasm32.a" >/dev/null; then
    echo "error: compiler-rt for wasm32 missing; install the Debian package 'libclang-rt-14-dev-wasm32'" >&2
    exit 127
  fi
}

# need_asc: the AssemblyScript compiler from the repository's node_modules (npm package 'assemblyscript').
need_asc() {
  ASC="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/node_modules/.bin/asc"
  if [ ! -x "$ASC" ]; then
    echo "error: $ASC not found; run 'npm install' at the repository root (devDependency 'assemblyscript')" >&2
    exit 127
  fi
  need node nodejs
}

# build_c NAME LINK_FLAG...: the clang-14 wasm32-wasi build of NAME.c into NAME.wasm. Prints each
# exact command before running it. Compiles with -O2 but links without -O: clang runs wasm-opt
# when linking with -O (if it is on PATH), which would drop the name section (function names in
# traps) and make the output depend on PATH. The link flags say reactor or command and what to export.
build_c() {
  local name="$1"
  shift
  need clang-14 clang-14; need wasm-ld-14 lld-14; need_wasi_libc
  local compile=(clang-14 --target=wasm32-wasi -O2 -c "$name.c" -o "$name.o")
  local link=(clang-14 --target=wasm32-wasi "$@" "$name.o" -o "$name.wasm")
  echo "${compile[*]}"
  "${compile[@]}"
  echo "${link[*]}"
  "${link[@]}"
  rm -f "$name.o"
}

# run CMD...: print the exact command, then run it.
run() {
  echo "$*"
  "$@"
}

# need_rust_wasm32 TARGET: Debian's rustc with the wasm32 standard library for TARGET
# (wasm32-wasi or wasm32-unknown-unknown) and the lld it links with.
need_rust_wasm32() {
  if [ ! -x /usr/bin/rustc ]; then
    echo "error: /usr/bin/rustc not found; install the Debian package 'rustc'" >&2
    exit 127
  fi
  if ! compgen -G "/usr/lib/rustlib/$1/lib/libstd-*.rlib" >/dev/null; then
    echo "error: Rust's $1 standard library missing; install the Debian package 'libstd-rust-dev-wasm32'" >&2
    exit 127
  fi
  need rust-lld lld
  if [ "$1" = wasm32-wasi ] && [ ! -f /usr/lib/wasm32-wasi/libc.a ]; then
    echo "error: wasi-libc missing (/usr/lib/wasm32-wasi/libc.a); install the Debian package 'wasi-libc'" >&2
    exit 127
  fi
}

# need_clang_wasi VERSION: clang-VERSION, its wasm-ld and compiler-rt for wasm32, wasi-libc.
need_clang_wasi() {
  need "clang-$1" "clang-$1"
  need "wasm-ld-$1" "lld-$1"
  if ! compgen -G "/usr/lib/llvm-$1/lib/clang/*/lib/wasi/libclang_rt.builtins-wasm32.a" >/dev/null; then
    echo "error: compiler-rt for wasm32 missing; install the Debian package 'libclang-rt-$1-dev-wasm32'" >&2
    exit 127
  fi
  if [ ! -f /usr/lib/wasm32-wasi/libc.a ]; then
    echo "error: wasi-libc missing (/usr/lib/wasm32-wasi/libc.a); install the Debian package 'wasi-libc'" >&2
    exit 127
  fi
}

# need_go119: Go 1.19 (GOOS=js GOARCH=wasm; no wasip1 before Go 1.21).
need_go119() {
  GO=/usr/lib/go-1.19/bin/go
  if [ ! -x "$GO" ]; then
    echo "error: $GO not found; install the Debian package 'golang-1.19'" >&2
    exit 127
  fi
}

# go_js_build OUT [GO BUILD FLAGS…]: this folder's Go package for GOOS=js GOARCH=wasm with Debian's
# Go 1.19, offline (GOPROXY=off), caching in $TMPDIR/memscope-go-cache (the first build compiles
# the standard library, about a minute). -trimpath keeps build paths and -buildvcs=false the git
# state out of the module, so rebuilding gives the same bytes.
go_js_build() {
  need_go119
  local out=$1
  shift
  local cache="${TMPDIR:-/tmp}/memscope-go-cache"
  mkdir -p "$cache"
  (
    export GOCACHE="$cache/build" GOPATH="$cache/path" GOPROXY=off GOFLAGS=-mod=mod GOOS=js GOARCH=wasm
    run "$GO" build -trimpath -buildvcs=false "$@" -o "$out" .
  )
}

# need_emcc: Emscripten 3.1.6 from Debian (emcc, its frozen cache, binaryen's wasm-opt).
need_emcc() {
  need emcc emscripten
  need wasm-opt binaryen
}
