// An Emscripten standalone module returning a C string: the caller reads it up to its NUL.
// greet() mallocs "hello, <name>!\0"; the host frees it with free().
#include <emscripten.h>
#include <stdlib.h>
#include <string.h>

EMSCRIPTEN_KEEPALIVE char *greet(const char *name) {
  size_t n = strlen(name);
  char *out = malloc(n + 9); // "hello, " + name + "!" + NUL
  if (!out) return NULL;
  memcpy(out, "hello, ", 7);
  memcpy(out + 7, name, n);
  memcpy(out + 7 + n, "!", 2);
  return out;
}
