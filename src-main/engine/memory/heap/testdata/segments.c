// dlmalloc with two segments: memory grown by someone other than malloc (grow) leaves a gap, so
// the next sbrk is not contiguous and dlmalloc keeps the old segment's record in an in-use
// chunk at that segment's end (walkers.test.ts: it is no block anyone allocated).
#include <stdlib.h>

__attribute__((export_name("grow")))
int grow(int pages) { return __builtin_wasm_memory_grow(0, pages); }
