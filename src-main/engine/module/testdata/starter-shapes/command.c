// A WASI command that also exports malloc, free and a text function (starter.test.ts): main takes
// argv, which wasi-libc allocates before main and never frees, so a leak check from the first
// step would count _start's blocks, not the text steps'.
#include <stdlib.h>
#include <string.h>

__attribute__((export_name("shout_name"))) char *shout_name(const char *s) {
  size_t n = strlen(s);
  char *r = malloc(n + 2);
  memcpy(r, s, n);
  r[n] = '!';
  r[n + 1] = 0;
  return r;
}

int main(int argc, char **argv) { return argc > 0 && argv[0] ? 0 : 1; }
