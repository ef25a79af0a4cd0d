// A C library linked with --export-all: libc's strlen and strerror are exported beside the
// program's own functions, with the C-string signature (i32) -> i32 and "str" in their names.
// Build: see build.sh beside this file.
#include <stdlib.h>
#include <string.h>

char *greet(const char *name) {
  char *r = malloc(strlen(name) + 8);
  strcpy(r, "Hello, ");
  strcat(r, name);
  return r;
}

const char *describe_error(int e) { return strerror(e); }
