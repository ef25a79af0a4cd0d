// A large memcpy through Emscripten's JS-glue build: at -O2, copies of 512 bytes or more call
// the imported env.emscripten_memcpy_big, which the host must perform.
#include <string.h>

void copy(char *dest, const char *src, int n) { memcpy(dest, src, n); }
