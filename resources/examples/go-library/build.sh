#!/usr/bin/env bash
# Builds go-library.wasm with Debian's Go 1.19 for GOOS=js GOARCH=wasm (Go has no wasip1 before
# 1.21): lib.sh's go_js_build, offline and reproducible.
cd "$(dirname "$0")"
. ../lib.sh
go_js_build go-library.wasm
