// The stack and the heap: clang keeps C locals whose address is taken on a "shadow stack" in
// linear memory, below the heap, addressed by the global __stack_pointer (global 0). Each call
// moves it down by its frame size, each return moves it back up.
#include <stdint.h>
#include <stdlib.h>

// level(n): a host function the guest calls at every level, so each call's record carries the
// stack pointer of that moment. Unbound in the sequence, Memscope answers it with a stub.
__attribute__((import_module("env"), import_name("level"))) void level(uint32_t n);

// deepest(n): recurses n levels, each keeping a 64-byte buffer (filled with 0xa0 + level) on
// the shadow stack, and returns the innermost frame's address: the lowest the stack pointer went.
__attribute__((export_name("deepest"), noinline))
uintptr_t deepest(uint32_t n) {
  volatile uint8_t frame[64];
  for (int i = 0; i < 64; i++) frame[i] = (uint8_t)(0xa0 + n);
  level(n);
  if (n == 0) return (uintptr_t)__builtin_frame_address(0);
  return deepest(n - 1) + frame[0] * 0;
}

// stack_now(): the stack pointer inside a call: one small frame below the caller's.
__attribute__((export_name("stack_now"), noinline))
uintptr_t stack_now(void) {
  volatile uint8_t here = 1;
  return (uintptr_t)__builtin_frame_address(0) + here * 0;
}
