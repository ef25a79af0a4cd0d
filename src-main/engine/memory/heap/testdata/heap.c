// A guest that allocates on its own, for the heap walker tests: the host calls malloc/free
// directly and these exports allocate and free inside the guest, so the test knows every
// block's requested size. Built by build.sh with wasi-libc (clang), Emscripten and emmalloc.
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// In both libcs, declared in <malloc.h> in one only.
size_t malloc_usable_size(void *p);

// keep(n, size): n blocks of size, 2*size, 3*size, ... bytes; their addresses go to out[0..n).
__attribute__((export_name("keep")))
void keep(uint32_t *out, uint32_t n, uint32_t size) {
  for (uint32_t i = 0; i < n; i++) {
    out[i] = (uint32_t)(uintptr_t)malloc(size * (i + 1));
    memset((void *)(uintptr_t)out[i], 0xab, size * (i + 1));
  }
}

// keep_same(out, n, size): n blocks of the same size (for the heap walk benchmark).
__attribute__((export_name("keep_same")))
void keep_same(uint32_t *out, uint32_t n, uint32_t size) {
  for (uint32_t i = 0; i < n; i++) out[i] = (uint32_t)(uintptr_t)malloc(size);
}

// release(p): the guest frees a block (one the host or the guest allocated).
__attribute__((export_name("release")))
void release(void *p) { free(p); }

// greeting(): a 14-byte string the guest allocates and the host must free.
__attribute__((export_name("greeting")))
char *greeting(void) {
  char *s = malloc(14);
  memcpy(s, "hello, memory", 14);
  return s;
}

// usable(p): what the allocator says p's block can hold.
__attribute__((export_name("usable")))
size_t usable(void *p) { return malloc_usable_size(p); }

// depth(n): recursion that keeps a 64-byte buffer per frame on the shadow stack; returns the
// lowest frame address reached, so a test can see the stack pointer move.
__attribute__((export_name("depth"), noinline))
uintptr_t depth(uint32_t n) {
  volatile char frame[64];
  frame[n % 64] = (char)n;
  if (n == 0) return (uintptr_t)__builtin_frame_address(0);
  return depth(n - 1) + frame[n % 64] * 0;
}
