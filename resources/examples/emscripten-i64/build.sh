#!/usr/bin/env bash
# Builds emscripten-i64.wasm with Debian's Emscripten 3.1.6 for a JavaScript host (JS glue):
# i64 results are legalised (low half returned, high half through env.setTempRet0).
# --profiling-funcs keeps function names (legalstub$greeting) and unminified import names.
# Only the .wasm is kept; the generated JS glue is deleted. NODE_PATH: emcc's JS optimizer
# needs Debian's acorn (/usr/share/nodejs).
cd "$(dirname "$0")"
. ../lib.sh
need_emcc
export NODE_PATH=/usr/share/nodejs
run emcc -O2 packed.c -o emscripten-i64.js -sEXPORTED_FUNCTIONS=_greeting,_give_up,_malloc,_free --profiling-funcs
rm -f emscripten-i64.js
