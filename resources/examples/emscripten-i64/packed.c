// The packed (ptr, len) greeting built for a JavaScript host: Emscripten's JS glue cannot take
// an i64 result (no BigInt at the boundary by default), so the export returns the low 32 bits
// and passes the high 32 bits to the imported env.setTempRet0 ("i64 legalisation").
#include <emscripten.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// "hello, <name>" in a new block; ptr << 32 | len. The caller frees ptr.
EMSCRIPTEN_KEEPALIVE uint64_t greeting(const char *name, uint32_t len) {
  char *out = malloc(len + 7);
  if (!out) return 0;
  memcpy(out, "hello, ", 7);
  memcpy(out + 7, name, len);
  return (uint64_t)(uintptr_t)out << 32 | (len + 7);
}

// Ends the program the C way: abort() becomes a call to the imported env.abort.
EMSCRIPTEN_KEEPALIVE void give_up(void) {
  abort();
}
