// Returns a string the TinyGo way: the host passes a pointer to 8 bytes, the guest writes {ptr, len}.
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// The host allocates 8 bytes with malloc and passes their address as retptr:
//
//   retptr + 0  u32 ptr  -> a malloc'ed copy of the text (no NUL terminator)
//   retptr + 4  u32 len  -> its length in bytes
//
// The guest allocates the text; the host frees both the text (ptr) and retptr.
__attribute__((export_name("ReturnString")))
void ReturnString(uint32_t *retptr) {
  static const char message[] = "hello from C";
  size_t len = sizeof message - 1;
  char *text = malloc(len);
  memcpy(text, message, len);
  retptr[0] = (uint32_t)(uintptr_t)text;
  retptr[1] = (uint32_t)len;
}
