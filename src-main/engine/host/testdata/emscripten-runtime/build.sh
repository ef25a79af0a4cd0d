#!/usr/bin/env bash
# Emscripten 3.1.6 (Debian: apt-get install -y emscripten); only the .wasm files are kept.
# throw-js.wasm: JS-glue output with Emscripten's default exceptions (JavaScript, catching off).
# throw-wasm.wasm: standalone, -fwasm-exceptions (the exception-handling proposal's try/throw).
# catch-js.wasm: JS-glue output with JavaScript exceptions and catching on (-fexceptions).
# jump-js.wasm: JS-glue output of C with setjmp/longjmp (Emscripten's default JavaScript longjmp).
# jump-wasm.wasm: the same with -sSUPPORT_LONGJMP=wasm (longjmp throws the module's own __c_longjmp tag).
# ctors-js.wasm: JS-glue output of C++ with static constructors (std::cout, a global object).
# jump-min-js.wasm: jump.c at -O3, whose import names Emscripten minifies (a.a, a.b, …).
# files-js.wasm: JS-glue output of C that opens a file (env.__syscall_open: Emscripten's JS file system).
# greet-min.wasm and greet-min.js: C at -O3, minified; the glue is kept, for the names it gives.
# embind-js.wasm: JS-glue output of C++ whose functions and class are registered with embind (--bind), not exported.
# embind-shapes-js.wasm: the same for embind's other registrations: properties, an enum, a value object, a constant.
set -euo pipefail
cd "$(dirname "$0")"
export NODE_PATH=/usr/share/nodejs
glue() { # source, output .wasm, flags...: builds the JS glue too, keeps only the module
  local source=$1 out=$2 cc=em++
  shift 2
  [[ $source == *.c ]] && cc=emcc
  $cc -O2 "$source" -o "${out%.wasm}.js" -sEXPORTED_FUNCTIONS=_malloc,_free --profiling-funcs "$@"
  rm -f "${out%.wasm}.js"
}
glue throw.cpp throw-js.wasm
em++ -O2 -fwasm-exceptions throw.cpp -o throw-wasm.wasm --no-entry -sSTANDALONE_WASM --profiling-funcs \
  -sEXPORTED_FUNCTIONS=_malloc,_free
glue catch.cpp catch-js.wasm -fexceptions
glue jump.c jump-js.wasm
glue jump.c jump-wasm.wasm -sSUPPORT_LONGJMP=wasm
glue ctors.cpp ctors-js.wasm
glue files.c files-js.wasm
glue jump.c jump-min-js.wasm -O3
glue embind.cpp embind-js.wasm --bind -sWASM_BIGINT
glue embind-shapes.cpp embind-shapes-js.wasm --bind -sWASM_BIGINT
emcc -O3 minified.c -o greet-min.js -sEXPORTED_FUNCTIONS=_malloc,_free,_greet
