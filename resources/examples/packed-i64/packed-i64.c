// Returns a (ptr, len) pair packed into one i64: ptr in the high 32 bits, len in the low 32.
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// The host writes `len` bytes of a name at `name` (memory it allocated and still owns).
// The guest mallocs "hello, <name>" and returns it packed into an i64:
//
//   bits 63..32: ptr of the new text    bits 31..0: its length in bytes
//
// The host unpacks with `>> 32` and `& 0xffffffff`, reads the text, then frees it.
__attribute__((export_name("greeting")))
uint64_t greeting(const char *name, uint32_t len) {
  static const char prefix[] = "hello, ";
  size_t plen = sizeof prefix - 1;
  size_t total = plen + len;
  char *text = malloc(total);
  memcpy(text, prefix, plen);
  memcpy(text + plen, name, len);
  return ((uint64_t)(uintptr_t)text << 32) | (uint64_t)total;
}
