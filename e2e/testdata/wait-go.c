// A step as long as the test wants: tick(n) prints "tick n", then waits (polling every 10 ms)
// until the file /w/go exists; the test creates it. Built with:
//   clang-19 --target=wasm32-wasi -O2 -mexec-model=reactor -o wait-go.wasm wait-go.c
#include <stdio.h>
#include <unistd.h>

__attribute__((export_name("tick"))) int tick(int n) {
  printf("tick %d\n", n);
  fflush(stdout);
  while (access("/w/go", F_OK) != 0) usleep(10000);
  return n;
}
