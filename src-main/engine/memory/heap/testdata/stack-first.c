// No string constants, so no data segments: all static data is .bss, which wasm-ld from LLVM 22
// places after the stack by default (stack-first). dlmalloc's state is there (walkers.test.ts).
#include <stdlib.h>

int *squares(int n) {
  int *out = malloc(n * sizeof(int));
  for (int i = 0; i < n; i++) out[i] = i * i;
  return out;
}
