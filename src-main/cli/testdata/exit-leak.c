// keep() mallocs and returns the block; quit() calls exit(), which ends the guest with
// proc_exit: the steps after it never run, so what keep() allocated is leaked whatever the
// code, as `memscope heap` and the Heap panel say (run-partway-leaks.test.ts).
// clang-19 --target=wasm32-wasi -O1 -g -mexec-model=reactor -o exit-leak.wasm exit-leak.c
#include <stdlib.h>
__attribute__((export_name("keep"))) void *keep(int n) { return malloc(n); }
__attribute__((export_name("quit"))) void quit(int code) { exit(code); }
__attribute__((export_name("release"))) void release(void *p) { free(p); }
