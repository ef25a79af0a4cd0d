// C's other allocation functions exported for the host beside malloc and free (c-allocs test in
// engine/host): calloc, aligned_alloc and posix_memalign take sizes, not pointers.
#include <stdlib.h>

__attribute__((export_name("keep")))
void *keep(size_t n) { return malloc(n); }
