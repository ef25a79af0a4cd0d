// One export per kind of guest write, for write tracing, watches and stepping back (build.sh).
// do_copy and do_fill are one memory.copy / memory.fill each (-mbulk-memory); grow returns the
// old size in pages; trapwrite stores a byte and then traps.
#include <string.h>
#include <stdint.h>
#include <stdlib.h>
__attribute__((export_name("do_copy"))) void do_copy(char *d, const char *s, int n) { memcpy(d, s, n); }
__attribute__((export_name("do_fill"))) void do_fill(char *d, int c, int n) { memset(d, c, n); }
__attribute__((export_name("st64"))) void st64(uint64_t *p, uint64_t v) { *p = v; }
__attribute__((export_name("stf64"))) void stf64(double *p, double v) { *p = v; }
__attribute__((export_name("st8"))) void st8(uint8_t *p, int v) { *p = v; }
__attribute__((export_name("st16"))) void st16(uint16_t *p, int v) { *p = v; }
__attribute__((export_name("st32of64"))) void st32of64(uint32_t *p, uint64_t v) { *p = (uint32_t)v; }
__attribute__((export_name("memsize"))) unsigned memsize(void) { return __builtin_wasm_memory_size(0) * 65536u; }
__attribute__((export_name("grow"))) int grow(int n) { return __builtin_wasm_memory_grow(0, n); }
__attribute__((export_name("trapwrite"))) void trapwrite(uint8_t *p, int v) { p[0] = v; __builtin_trap(); }
