// "Who frees what": the guest mallocs a greeting and hands it to the host, which must free it.
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// make_greeting(name, len): a malloc'ed "hello, <name>!" (NUL-terminated). The guest allocates
// it; once the call returns, the host owns it and must free it.
__attribute__((export_name("make_greeting")))
char *make_greeting(const char *name, uint32_t len) {
  char *out = malloc(len + 9);
  memcpy(out, "hello, ", 7);
  memcpy(out + 7, name, len);
  out[len + 7] = '!';
  out[len + 8] = '\0';
  return out;
}
