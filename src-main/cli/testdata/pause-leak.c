// work() mallocs, keeps the pointer only in a wasm local (-O2: not on the shadow stack), writes
// the watched static `last`, then frees: paused at that write, the block is live and nothing in
// memory points to it, yet it is freed two lines on (run-partway-leaks.test.ts).
// clang-19 --target=wasm32-wasi -O2 -g -mexec-model=reactor -o pause-leak.wasm pause-leak.c
#include <stdlib.h>
volatile int last;
__attribute__((noinline)) static void fill(int *p, int n) { for (int i = 0; i < n; i++) p[i] = i; }
__attribute__((export_name("work"))) int work(int n) {
  int *p = malloc(n * sizeof(int));
  fill(p, n);
  last = p[n - 1];
  int r = p[0] + p[n - 1];
  free(p);
  return r;
}
