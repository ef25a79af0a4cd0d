// A C library whose allocator stays inside the module: upper() mallocs its result, but the
// build exports only upper, so a host has no way to allocate the string it passes in.
#include <stdlib.h>
#include <string.h>

char *upper(const char *s) {
  size_t n = strlen(s);
  char *out = malloc(n + 1);
  for (size_t i = 0; i <= n; i++) out[i] = (s[i] >= 'a' && s[i] <= 'z') ? s[i] - 32 : s[i];
  return out;
}
