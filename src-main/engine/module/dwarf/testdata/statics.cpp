// C++ statics: namespaces, an anonymous namespace, a class static member (defined outside the
// class: DW_AT_specification) and a function static in a method. No standard library.
namespace shapes {
struct Registry {
  static int instances;
  int bump();
};
int Registry::instances = 3;
int Registry::bump() {
  static long long total;
  total += ++instances;
  return (int)total;
}
namespace {
double scale[2] = {1.0, 2.0};
}
double factor(int i) { return scale[i & 1]; }
}  // namespace shapes

extern "C" __attribute__((export_name("bump"))) int bump() {
  shapes::Registry r;
  return r.bump() + (int)shapes::factor(1);
}
