// Built in testdata/paths (build.sh) and the module written to testdata: the compilation
// directory is neither this file's folder nor the module's, and the line table names this
// file `src/paths.c` and paths.h under `include`, both relative to it.
#include "paths.h"

__attribute__((export_name("ratio"))) int ratio(int a, int b) {
  int h = halve(a, b);
  return h + 1;
}
