// A growing byte buffer the host fills: realloc grows it in place while nothing follows it on the
// heap, and moves it once something does (the heap ledger's resize and move cases).
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

typedef struct { char *data; uint32_t len; uint32_t cap; } Builder;

__attribute__((export_name("builder_new")))
Builder *builder_new(uint32_t cap) {
  Builder *b = malloc(sizeof *b);
  b->data = malloc(cap);
  b->len = 0;
  b->cap = cap;
  return b;
}

/** Appends n bytes of `byte`, growing the buffer with realloc to exactly what it needs. */
__attribute__((export_name("builder_fill")))
void builder_fill(Builder *b, uint32_t n, uint32_t byte) {
  if (b->len + n > b->cap) {
    b->cap = b->len + n;
    b->data = realloc(b->data, b->cap);
  }
  memset(b->data + b->len, (int)byte, n);
  b->len += n;
}

__attribute__((export_name("builder_data")))
char *builder_data(Builder *b) { return b->data; }

__attribute__((export_name("builder_free")))
void builder_free(Builder *b) { free(b->data); free(b); }
