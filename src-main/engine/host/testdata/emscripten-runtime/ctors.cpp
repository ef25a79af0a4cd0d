// Static constructors in an Emscripten JS-glue build: the glue runs the module's exported
// __wasm_call_ctors before anything else, and so must a host. std::cout is one of them (without
// it the first << traps inside libc++'s sentry), and so is `table`, a global with a constructor.
#include <iostream>
#include <string>

struct Table {
  std::string name;
  int rows;
  Table() : name("built by its constructor"), rows(3) {}
};

static Table table;

extern "C" __attribute__((export_name("describe"))) int describe() {
  std::cout << table.name << ", " << table.rows << " rows" << std::endl;
  return table.rows;
}
