// A C library built at -O3, whose imports and exports Emscripten minifies (a.a, …; d, e, f, …):
// only greet-min.js, the glue written beside it, says which is which.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char* greet(const char* name) {
  size_t n = strlen(name);
  char* out = malloc(n + 8);
  memcpy(out, "hello, ", 7);
  memcpy(out + 7, name, n + 1);
  printf("greeted %s\n", name);
  return out;
}
