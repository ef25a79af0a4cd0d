// C++ functions registered through embind (emcc --bind), not exported: the constructors call
// _embind_register_function for each, and a host calls them through their invokers.
#include <emscripten/bind.h>
#include <cstdint>
#include <string>
using namespace emscripten;

int add(int a, int b) { return a + b; }
double half(double x) { return x / 2; }
int64_t widen(int32_t x) { return (int64_t)x << 32; }
// std::string in and out: embind's wire form is a malloc'd {u32 length; char bytes[length]}.
std::string shout(std::string s) { return s + "!"; }

EMSCRIPTEN_BINDINGS(demo) {
  function("add", &add);
  function("half", &half);
  function("widen", &widen);
  function("shout", &shout);
}
