// Function pointers the Variables view names by the function their table slot holds: through a
// typedef, inside a struct's one-line summary, and in an array.
// Build: clang-19 --target=wasm32-wasi -g -O0 -mexec-model=reactor -o fnptr.wasm fnptr.c
typedef int (*op_fn)(int, int);
struct handler { int id; op_fn run; int (*check)(int, int); };

op_fn op;
struct handler h;
op_fn ops[2];

__attribute__((export_name("add"))) int add(int a, int b) { return a + b; }
__attribute__((export_name("sub"))) int sub(int a, int b) { return a - b; }

__attribute__((export_name("setup"))) int setup(void) {
  op = add;
  h.id = 3;
  h.run = sub;
  h.check = add;
  ops[0] = sub;
  ops[1] = add;
  return (int)&op + (int)&h + (int)ops;
}
