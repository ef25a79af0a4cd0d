#!/usr/bin/env bash
# Regenerates every example's .wasm from source by running each <name>/build.sh.
# Idempotent: the same tools produce byte-identical modules. Fails loudly, naming the Debian
# package to install, when a tool is missing.
set -euo pipefail
cd "$(dirname "$0")"
. ./lib.sh

# Check every tool first, so a missing one fails before anything is rebuilt.
need clang-14 clang-14
need wasm-ld-14 lld-14
need_wasi_libc
need wat2wasm wabt
need_asc

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
