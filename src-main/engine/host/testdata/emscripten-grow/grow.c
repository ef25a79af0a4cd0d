// A heap that outgrows its initial memory in Emscripten's JS-glue build with ALLOW_MEMORY_GROWTH:
// malloc's sbrk calls the imported env.emscripten_resize_heap(new_total_bytes), which the host
// must perform (grow the memory, answer 1) or refuse (answer 0: malloc returns NULL).
#include <stdlib.h>
#include <string.h>

// n bytes of `fill`, or NULL when the heap cannot grow that far.
char *fill_block(unsigned n, int fill) {
  char *p = malloc(n);
  if (p) memset(p, fill, n);
  return p;
}
