#!/usr/bin/env bash
# Builds go-fmt.wasm with Debian's Go 1.19 for GOOS=js GOARCH=wasm (Go has no wasip1 before
# 1.21). Offline (GOPROXY=off), caches in a temporary directory; the first build compiles the
# standard library (about a minute). -trimpath keeps build paths and -buildvcs=false the git state out of
# the module, so rebuilding gives the same bytes.
cd "$(dirname "$0")"
. ../lib.sh
need_go119
cache="${TMPDIR:-/tmp}/memscope-go-cache"
mkdir -p "$cache"
export GOCACHE="$cache/build" GOPATH="$cache/path" GOPROXY=off GOFLAGS=-mod=mod GOOS=js GOARCH=wasm
run "$GO" build -trimpath -buildvcs=false -o go-fmt.wasm .
