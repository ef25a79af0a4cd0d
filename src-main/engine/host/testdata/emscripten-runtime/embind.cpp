// C++ functions and a class registered through embind (emcc --bind), not exported: the
// constructors call _embind_register_* for each, and a host calls them through their invokers.
#include <emscripten/bind.h>
#include <cstdint>
#include <string>
using namespace emscripten;

int add(int a, int b) { return a + b; }
double half(double x) { return x / 2; }
int64_t widen(int32_t x) { return (int64_t)x << 32; }
// std::string in and out: embind's wire form is a malloc'd {u32 length; char bytes[length]}.
std::string shout(std::string s) { return s + "!"; }

// A class: constructed with `new` by its factory, methods called on the object, deleted by its destructor.
class Counter {
 public:
  explicit Counter(int start) : count_(start) {}
  int increment(int by) { return count_ += by; }
  std::string label() const { return "count " + std::to_string(count_); }
  static Counter* make() { return new Counter(100); }
 private:
  int count_;
};

EMSCRIPTEN_BINDINGS(demo) {
  function("add", &add);
  function("half", &half);
  function("widen", &widen);
  function("shout", &shout);
  class_<Counter>("Counter")
    .constructor<int>()
    .function("increment", &Counter::increment)
    .function("label", &Counter::label)
    .class_function("make", &Counter::make, allow_raw_pointers());
}
