// One relaxed SIMD instruction (i32x4.relaxed_laneselect, 0xfd 0x8b 0x02) in an exported function.
#include <wasm_simd128.h>

__attribute__((export_name("rs"))) int rs(int a) {
  v128_t v = wasm_i32x4_splat(a);
  return wasm_i32x4_extract_lane(wasm_i32x4_relaxed_laneselect(v, v, v), 0);
}
