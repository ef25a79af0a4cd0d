// A guest with nothing but an allocator: the host drives emmalloc (Emscripten's small malloc)
// directly, to see what a double free does to its free list.
#include <stdlib.h>

// keep_alive(): makes Emscripten link malloc and free (exported through -sEXPORTED_FUNCTIONS).
__attribute__((used)) void *keep_alive(size_t n) { void *p = malloc(n); free(p); return p; }
