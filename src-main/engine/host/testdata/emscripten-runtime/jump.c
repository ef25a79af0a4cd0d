// setjmp/longjmp in an Emscripten JS-glue build: calls from a function that calls setjmp go
// through env.invoke_* imports, and longjmp leaves by env._emscripten_throw_longjmp, a
// JavaScript throw the invoke catches. try_parse(-n) longjmps back with n from two calls down;
// jump_unset() longjmps to a jmp_buf no setjmp filled, with no invoke on the stack.
#include <setjmp.h>
#include <stdio.h>

static jmp_buf env;
static jmp_buf never_set;

static void fail(int code) { longjmp(env, code); }

static int parse(int x) {
  if (x < 0) fail(-x);
  return x * 2;
}

__attribute__((export_name("try_parse"))) int try_parse(int x) {
  int code = setjmp(env);
  if (code != 0) {
    printf("jumped back with %d\n", code);
    return -code;
  }
  return parse(x);
}

__attribute__((export_name("jump_unset"))) void jump_unset(void) { longjmp(never_set, 1); }
