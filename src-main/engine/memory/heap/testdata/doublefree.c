// Guest frees that break the allocator's rules, and correct programs that look a little like
// them, for the heap walkers' double-free checks (double-free.test.ts; build lines in build.sh).
#include <stdlib.h>
#include <string.h>

static void *volatile sink;

// A double free with another free between the two: the block is no longer its bucket's first
// when it is freed again.
__attribute__((export_name("free_apart")))
void free_apart(void *a, void *x) { free(a); free(x); free(a); }

// free of a pointer into the middle of a block.
__attribute__((export_name("free_at")))
void free_at(char *p, int offset) { free(p + offset); }

// A correct program: many small blocks of a few sizes made and freed in mixed order, some
// zeroed, some grown, so the free lists hold many blocks of one size, and some are kept.
__attribute__((export_name("churn")))
void *churn(int n) {
  void *keep = 0;
  void **blocks = calloc(n, sizeof(void *));
  for (int i = 0; i < n; i++) blocks[i] = (i % 3) ? malloc(8 + (i % 5) * 8) : calloc(1, 24);
  for (int i = 0; i < n; i += 2) { free(blocks[i]); blocks[i] = 0; }
  for (int i = 1; i < n; i += 4) blocks[i] = realloc(blocks[i], 40 + i);
  for (int i = 0; i < n; i += 4) blocks[i] = malloc(16);
  for (int i = 0; i < n; i++) if (i != n / 2) free(blocks[i]);
  keep = blocks[n / 2];
  free(blocks);
  return keep;
}

// A correct program with blocks past dlmalloc's large-chunk (256 B) and mmap (256 KiB) sizes,
// several of one size so the large bins hold chains of equal sizes.
__attribute__((export_name("big_churn")))
void big_churn(void) {
  void *b[8];
  for (int i = 0; i < 8; i++) b[i] = malloc(i < 4 ? 300 : 300000);
  for (int i = 0; i < 8; i += 2) free(b[i]);
  for (int i = 1; i < 8; i += 2) { memset(b[i], 0x5a, 64); free(b[i]); }
  void *a = aligned_alloc(64, 1000), *c = calloc(100, 100);
  sink = a; sink = c;
  free(a); free(c);
}
