// A WASI command that also exports malloc, free and a text function (starter.test.ts): main takes
// argv, which wasi-libc allocates before main and never frees, so a leak check from the first
// step would count _start's blocks, not the text steps'. say and upper take a C string and hand
// nothing back: the (i32) -> () a result-pointer export has too, told apart by what they are named.
#include <stdio.h>
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

__attribute__((export_name("say"))) void say(const char *s) { puts(s); }

__attribute__((export_name("upper"))) void upper(char *s) {
  for (; *s; s++)
    if (*s >= 'a' && *s <= 'z') *s -= 'a' - 'A';
}

int main(int argc, char **argv) { return argc > 0 && argv[0] ? 0 : 1; }
