// clang-22 with wasm-opt, no string constants, so no data segments: wasm-ld 22 puts the stack
// first, and all static data (kept, and dlmalloc's state) is .bss just above the stack's start
// (bss-only.test.ts). keep mallocs a block a static still points to; lose one nothing does.
#include <stdlib.h>

static void *volatile kept;
static void *volatile sink;

void *keep(int n) { return kept = malloc(n); }
void lose(int n) { sink = malloc(n); sink = 0; }
