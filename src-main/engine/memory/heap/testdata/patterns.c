// Allocation patterns real programs use, for the heap walkers and the ledger (patterns.test.ts;
// build lines in build.sh):
// a double free inside one call, aligned allocations, realloc that moves, grows and shrinks,
// zero-size allocations and free(NULL).
#include <stdlib.h>
#include <string.h>

static void *volatile sink;

__attribute__((export_name("free_twice")))
void free_twice(void *p) { free(p); free(p); }

__attribute__((export_name("aligned")))
void *aligned(size_t align, size_t n) {
  void *p = 0;
  if (posix_memalign(&p, align, n) != 0) return 0;
  memset(p, 0xab, n);
  return p;
}

__attribute__((export_name("aligned2")))
void *aligned2(size_t align, size_t n) { return aligned_alloc(align, n); }

__attribute__((export_name("resize")))
void *resize(void *p, size_t n) { return realloc(p, n); }

__attribute__((export_name("zero_sizes")))
void zero_sizes(void) {
  void *a = malloc(0), *b = calloc(0, 4), *c = calloc(4, 0);
  sink = a; sink = b; sink = c;
  free(a); free(b); free(c); free(0);
}

__attribute__((export_name("zero_kept")))
void *zero_kept(void) { return malloc(0); }
