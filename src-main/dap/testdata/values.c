// Values the debug adapter's Variables view and evaluate read on a real build (values.test.ts):
// a char array with bytes past a leading NUL, a float, a pointer to a freed block, and kinds of
// value C debuggers show in their own ways.
// Build: clang-19 --target=wasm32-wasi -g -O0 -mexec-model=reactor -Wl,--export=malloc,--export=free -o values.wasm values.c
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

enum color { RED, GREEN = 5, BLUE };
struct point { int x; int y; };
struct packet { int len; unsigned char data[]; };

char tag[4];
float ratio = 1.5f;
int counter = 7;
struct point pt = { 1, 2 };
struct point *held;
struct point *freed;
enum color col;
bool flag;
wchar_t wide = L'λ';
wchar_t wname[4] = L"ab";
struct point **pp;
int (*fn)(void);
struct packet *pk;
struct packet pkt = { 3 };

__attribute__((export_name("addresses"))) int addresses(void) {
  return (int)tag + (int)&ratio + (int)&counter + (int)&pt + (int)&held + (int)&freed + (int)&col + (int)&flag
    + (int)&wide + (int)wname + (int)&pp + (int)&fn + (int)&pk + (int)&pkt;
}

__attribute__((export_name("setup"))) int setup(void) {
  float one = 1.0f;
  memcpy(tag + 2, (char *)&one + 2, 2);
  held = malloc(sizeof *held);
  held->x = 3;
  freed = malloc(sizeof *freed);
  freed->x = 4;
  // Allocated before the free, so the freed block stays free (not handed out again).
  pk = malloc(sizeof *pk + 3);
  free(freed);
  memset(&col, 9, 1);
  memset(&flag, 2, 1);
  pp = &held;
  fn = addresses;
  pk->len = 3;
  pk->data[0] = 1; pk->data[1] = 2; pk->data[2] = 3;
  return 0;
}
