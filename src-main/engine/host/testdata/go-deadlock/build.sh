#!/usr/bin/env bash
# Builds go-deadlock.wasm with Debian's Go 1.19 (GOOS=js GOARCH=wasm) through the examples' lib.sh,
# offline; the tests only need the committed .wasm. -ldflags=-s drops Go's symbol table (the
# name section stays).
cd "$(dirname "$0")"
. ../../../../../resources/examples/lib.sh
go_js_build go-deadlock.wasm -ldflags=-s
