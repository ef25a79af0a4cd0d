// A C library exporting malloc and free, and its own `alloc`, a bump allocator over a static
// arena (starter.test.ts): a step's alloc(n) calls that export, not malloc, so the starter's
// steps call malloc and free by name.
#include <stdlib.h>
#include <string.h>

static char arena[256];
static size_t used;

__attribute__((export_name("alloc"))) void *alloc(size_t n) {
  void *p = arena + used;
  used += (n + 7) & ~(size_t)7;
  return p;
}

__attribute__((export_name("upper_text"))) char *upper_text(const char *s) {
  size_t n = strlen(s);
  char *r = malloc(n + 1);
  for (size_t i = 0; i <= n; i++) r[i] = s[i] >= 'a' && s[i] <= 'z' ? s[i] - 32 : s[i];
  return r;
}
