// A file opened in an Emscripten JS-glue build: fopen reaches env.__syscall_open, a call into
// Emscripten's JavaScript file system. No host here has that file system, so the call must fail
// (ENOSYS), not "succeed" with a stub's 0 and read and close stdin.
#include <errno.h>
#include <stdio.h>
#include <string.h>

__attribute__((export_name("try_open"))) int try_open(void) {
  FILE *f = fopen("/data.txt", "r");
  if (!f) {
    printf("fopen failed: %s\n", strerror(errno));
    return -errno;
  }
  char buf[32] = {0};
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  return (int)n;
}
