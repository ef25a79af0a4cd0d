// Values of a C++ build the debug adapter's Variables view reads (cpp-values.test.ts): a class
// with a base class, references, an enum class, a union, bit fields, a `const char *` and a
// `char[16]`, a std::array, and pointers to heap objects; the same kinds as a function's locals.
// Build: clang++-19 --target=wasm32-wasi -g -O0 -fno-exceptions -mexec-model=reactor -Wl,--export=malloc,--export=free -o cpp-values.wasm cpp-values.cpp
#include <array>
#include <cstdlib>
struct Base { int id; virtual ~Base() {} };
class Shape : public Base {
 public:
  int w, h;
  const char *label;
  Shape(int a, int b) : w(a), h(b), label("box") { id = 9; }
};
enum class Mode : unsigned char { Off, Slow = 3, Fast };
union Num { int i; float f; };
struct Flags { unsigned a : 3; unsigned b : 5; int c : 4; };
struct Node { int v; Node *next; };

Shape shape(2, 3);
Mode mode = Mode::Fast;
Num num;
Flags flags;
const char *greeting = "hello";
char buf[16] = "abc";
std::array<int, 4> arr = {1, 2, 3, 4};
Node *head;
int counter;
struct Holder { Shape &s; int &n; };
Holder holder{shape, counter};
Shape *made;

extern "C" __attribute__((export_name("work"))) int work(int k) {
  Shape &r = shape;
  Mode m = Mode::Slow;
  std::array<int, 4> local = {5, 6, 7, 8};
  char name[16] = "xyz";
  counter = k + r.w + (int)m + local[1] + name[0];
  return counter;
}

extern "C" __attribute__((export_name("setup"))) int setup() {
  num.f = 1.5f;
  flags.a = 5; flags.b = 17; flags.c = -3;
  head = (Node *)malloc(sizeof(Node));
  head->v = 42;
  head->next = nullptr;
  made = new Shape(7, 8);
  return shape.w;
}

extern "C" __attribute__((export_name("addresses"))) int addresses() {
  return (int)&shape + (int)&mode + (int)&num + (int)&flags + (int)&greeting + (int)buf + (int)&arr + (int)&head + (int)&holder + (int)&made;
}
