// The store-heavy guest of `npm run bench` (write tracing): 1 MiB written per round, by a byte
// loop the compiler keeps as stores and by wasi-libc's memset (word stores, unrolled by four).
#include <stdint.h>
#include <string.h>

static uint8_t buf[1 << 20];

// Every byte computed, so clang cannot turn the loop into a memset call.
__attribute__((export_name("fill_bytes")))
uint32_t fill_bytes(uint32_t rounds, uint32_t seed) {
  for (uint32_t r = 0; r < rounds; r++) {
    for (uint32_t i = 0; i < sizeof buf; i++) buf[i] = (uint8_t)(seed + r + i * 7);
  }
  return buf[12345];
}

// The 1 MiB memset loop.
__attribute__((export_name("memset_loop")))
uint32_t memset_loop(uint32_t rounds) {
  for (uint32_t r = 0; r < rounds; r++) memset(buf, (int)(r + 1), sizeof buf);
  return buf[777];
}
