#!/usr/bin/env bash
# Builds go-lib.wasm with Debian's Go 1.19 (GOOS=js GOARCH=wasm), offline; the tests only need
# the committed .wasm. -ldflags=-s drops Go's symbol table (the name section stays).
set -euo pipefail
cd "$(dirname "$0")"
GO=/usr/lib/go-1.19/bin/go
[ -x "$GO" ] || { echo "error: $GO not found; install the Debian package 'golang-1.19'" >&2; exit 127; }
cache="${TMPDIR:-/tmp}/memscope-go-cache"
mkdir -p "$cache"
export GOCACHE="$cache/build" GOPATH="$cache/path" GOPROXY=off GOFLAGS=-mod=mod GOOS=js GOARCH=wasm
echo "$GO build -trimpath -buildvcs=false -ldflags=-s -o go-lib.wasm ."
"$GO" build -trimpath -buildvcs=false -ldflags=-s -o go-lib.wasm .
