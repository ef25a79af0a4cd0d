// Optimised builds without names (walkers.test.ts, "modules without names"; stripped.test.ts,
// clang-19 -O2 then llvm-strip-19, no name section, DWARF or producers): clang-22 with
// wasm-opt (stack first, no __heap_base; wasi-libc's DWARF names dlmalloc's state) and emcc -O2
// with emmalloc and dlmalloc (nothing names the allocator). greet mallocs a copy and keeps it;
// usable says what the allocator gave (malloc_usable_size), for the tests to check the walk by.
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

static char *kept[4];
static int count;

char *greet(const char *who) {
  size_t n = strlen(who);
  char *out = malloc(n + 8);
  memcpy(out, "hello, ", 7);
  memcpy(out + 7, who, n + 1);
  if (count < 4) kept[count++] = out;
  return out;
}

size_t usable(void *p) { return malloc_usable_size(p); }
