#!/usr/bin/env bash
# Regenerates every example's .wasm from source by running each <name>/build.sh.
# Idempotent: the same tools produce byte-identical modules. Checks every toolchain first and,
# when any is missing, names each missing one with its Debian package and builds nothing.
set -euo pipefail
cd "$(dirname "$0")"
. ./lib.sh

# Each check runs in a subshell (they exit on failure) so every missing tool is reported.
missing=0
check() {
  if ! ( "$@" ) 2>/tmp/memscope-examples-check.$$; then
    sed 's/^error: /missing: /' /tmp/memscope-examples-check.$$ >&2
    missing=$((missing + 1))
  fi
  rm -f /tmp/memscope-examples-check.$$
}
check need clang-14 clang-14
check need wasm-ld-14 lld-14
check need_wasi_libc
check need wat2wasm wabt
check need_asc
check need_rust_wasm32 wasm32-wasi
check need_rust_wasm32 wasm32-unknown-unknown
check need_clang_wasi 19
check need_emcc
check need_go119
if [ "$missing" -gt 0 ]; then
  echo "error: $missing toolchain(s) missing (see above); nothing was rebuilt. The committed .wasm files still run." >&2
  exit 127
fi

built=0
for script in */build.sh; do
  name="${script%/build.sh}"
  echo "building $name"
  if ! bash "$script"; then
    echo "error: $name/build.sh failed" >&2
    exit 1
  fi
  built=$((built + 1))
done
echo "built $built examples"
