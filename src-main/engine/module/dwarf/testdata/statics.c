// Static variables of every shape DWARF describes, for dwarf/statics.test.ts and the heap's
// "still pointed to from … the static table" (heap/statics.test.ts). Built by build.sh.
#include <stdlib.h>
#include <string.h>

typedef struct { char *key; char *val; } pair;

pair *table;                          // a pointer to a typedef'd anonymous struct
int count = 0;                        // .bss
const char greeting[] = "hello";      // .rodata, const char[6]
static unsigned short grid[3][4] = {{1}}; // a file static, two dimensions
struct point { int x, y; } origin = {1, 2};
char **names;                         // char **, set by calls()

__attribute__((export_name("put"))) int put(const char *k, const char *v) {
  table = realloc(table, sizeof(pair) * (count + 1));
  table[count].key = strdup(k);
  table[count].val = strdup(v);
  return count++;
}

__attribute__((export_name("calls"))) int calls(void) {
  static int n;                       // a function static: calls::n
  static char *none[1];
  names = none;
  return ++n + grid[0][0] + origin.x + greeting[0];
}

__attribute__((export_name("lose"))) void lose(void) {
  table = 0;                          // the blocks put made are now pointed to by nothing
  count = 0;
}

// The allocator, exported so a sequence's alloc() and free() can call it.
__attribute__((export_name("malloc"))) void *guest_malloc(size_t n) { return malloc(n); }
__attribute__((export_name("free"))) void guest_free(void *p) { free(p); }

// Traps on b == 0: a frame with a source line.
__attribute__((export_name("ratio"))) int ratio(int a, int b) { return a / b; }
