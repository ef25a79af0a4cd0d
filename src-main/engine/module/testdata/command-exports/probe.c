// A WASI command that also exports a function, as people write one before they meet reactors.
// wasm-ld wraps `twice` to run the constructors before and the destructors after each call, as
// _start does around main: the constructor registers `bye` with atexit, the destructors run the
// atexit list, and the list a previous run emptied traps the second time (call_indirect of a
// null entry in __funcs_on_exit). Built with -mexec-model=reactor, `twice` is called bare.
#include <stdio.h>
#include <stdlib.h>

static void bye(void) { puts("bye"); }

__attribute__((constructor)) static void init(void) { atexit(bye); }

__attribute__((export_name("twice"))) int twice(int x) { return 2 * x; }

#ifndef REACTOR
int main(void) {
  puts("main");
  return 0;
}
#endif
