// Parameters and locals in a stack frame, for dwarf/frames.test.ts and a watch's stop: clang
// without -O keeps each in the function's frame in linear memory, at the frame base (a wasm
// local) plus an offset. Built by build.sh.

struct point { int x, y; };
struct point input;
struct point last;

// Where a sequence puts scale's input (exported, so the linker keeps `input`).
__attribute__((export_name("input_at"))) struct point *input_at(void) { return &input; }

__attribute__((export_name("scale"))) int scale(const struct point *p, int factor) {
  struct point scaled = { p->x * factor, p->y * factor };
  int total = 0;
  for (int i = 0; i < 2; i++) {
    int total = i * 10;               // an inner block's total hides the outer one
    last.x = scaled.x + total;
  }
  last.y = scaled.y;
  total = last.x + last.y;
  return total;
}

// A caller with its own frame: a stop inside scale() reads scale_twice's variables too, one
// frame out (its frame base is where scale's frame ends: scale's entry stack pointer).
__attribute__((export_name("scale_twice"))) int scale_twice(const struct point *p, int factor) {
  int first = scale(p, factor);
  int second = scale(p, factor + 1);
  return first + second;
}
