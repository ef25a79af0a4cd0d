// A C reactor built with clang-19 -O2 and stripped by llvm-strip-19 (stripped.test.ts): no name
// section, no DWARF, no producers, malloc not exported. Only its WASI import (fd_write, from
// report's printf) tells it is C. greet mallocs a copy and keeps it; usable says what the
// allocator gave (malloc_usable_size), for the tests to check the walk by.
#include <malloc.h>
#include <stdio.h>
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

void report(void) { printf("%d kept\n", count); }
