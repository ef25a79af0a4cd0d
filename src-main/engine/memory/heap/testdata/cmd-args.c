// A WASI command (startup-argv.test.ts): main(argc, argv) allocates six blocks, frees three,
// keeps one in a static, loses one for sure (the static overwritten) and one more on the stack
// only, then returns or, with the argument "exit", calls exit(0). wasi-libc's start-up made two
// blocks before main for argv that it never frees.
#include <stdlib.h>
#include <string.h>
void *volatile kept;
int main(int argc, char **argv) {
  char *b[6];
  for (int i = 0; i < 6; i++) { b[i] = malloc(16 * (i + 1)); memset(b[i], i, 16 * (i + 1)); }
  free(b[0]); free(b[2]); free(b[4]);
  kept = b[1];
  kept = b[5]; /* b[1] lost: nothing keeps its address */
  if (argc > 1 && strcmp(argv[1], "exit") == 0) exit(0);
  return 0;
}
