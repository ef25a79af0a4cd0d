// Embind's other registrations: a class's properties (a field, and a getter/setter pair, one
// read-only), an enum, a value object taken and returned by value, a constant, a
// std::shared_ptr to a class registered as a smart pointer, overloads by argument count (two
// constructors, two functions of one name), and a std::vector registered with register_vector,
// whose get returns an emscripten::val.
#include <emscripten/bind.h>
#include <memory>
#include <vector>
using namespace emscripten;

enum class Color { Red, Green = 5 };
struct Point { int x; int y; };

class Shape {
 public:
  explicit Shape(int sides) : sides(sides) {}
  Shape(int sides, Color color) : sides(sides), color(color) {}
  int sides;
  Color color = Color::Red;
  Color getColor() const { return color; }
  void setColor(Color c) { color = c; }
  int area() const { return sides * 10; }
};

Point shift(Point p, int by) { return Point{p.x + by, p.y + by}; }
int colorCode(Color c) { return static_cast<int>(c); }
std::shared_ptr<Shape> shared(int sides) { return std::make_shared<Shape>(sides); }
std::vector<int> range(int n) { std::vector<int> v; for (int i = 0; i < n; i++) v.push_back(i * 10); return v; }
int scale(int x) { return x * 2; }
int scale(int x, int by) { return x * by; }

EMSCRIPTEN_BINDINGS(shapes) {
  enum_<Color>("Color").value("Red", Color::Red).value("Green", Color::Green);
  value_object<Point>("Point").field("x", &Point::x).field("y", &Point::y);
  class_<Shape>("Shape")
    .constructor<int>()
    .constructor<int, Color>()
    .property("sides", &Shape::sides)
    .property("color", &Shape::getColor, &Shape::setColor)
    .property("area", &Shape::area)
    .smart_ptr<std::shared_ptr<Shape>>("ShapePtr");
  function("shift", &shift);
  function("colorCode", &colorCode);
  function("shared", &shared);
  register_vector<int>("VectorInt");
  function("range", &range);
  function("scale", select_overload<int(int)>(&scale));
  function("scale", select_overload<int(int, int)>(&scale));
  constant("MAX_SIDES", 12);
}
