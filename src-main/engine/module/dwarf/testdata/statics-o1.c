// Statics as clang -O1 describes them (statics.test.ts). It keeps a `static bool` as its one
// byte and says so through a computation that leaves the byte as it is (DW_OP_deref_size 1,
// DW_OP_lit1, DW_OP_mul, DW_OP_lit0, DW_OP_plus, DW_OP_stack_value); it splits `pair` into its
// members' pieces, at consecutive addresses; and it shrinks `mode`, which only ever holds 0 or
// 5, to a one-byte flag x and describes its value as 5·x.
#include <stdbool.h>

static bool ready;
static int counter;
static struct { int a; bool b; } pair;
static int mode;

__attribute__((export_name("go"))) int go(int n) {
  if (!ready) {
    ready = true;
    counter = n;
  }
  pair.a += n;
  pair.b = !pair.b;
  if (n > 2) mode = 5;
  return counter + pair.a + pair.b + ready + mode;
}
