// Test helper: a module whose exports return and echo the wasm values text and JSON lose most
// easily (i64 at both ends, an i32 above 2^31 unsigned, NaNs with payloads, -0, infinities),
// built by hand so the bit patterns are exactly the ones written here.
//   edges() -> (i64, i64, i32, f32, f32, f64, f64, f64, f64, f64)   multi-value: an array from the JS API
//   nan64() -> f64                                                 one result: a bare number
//   echo(i64, i32, f64) -> (i64, i32, f64)                         arguments as the guest got them

import { T, body, funcType, module, s32, s64, section, str, u32, vec, type Bytes } from './wasm-bytes.ts';

const i32 = (n: number): Bytes => [0x41, ...s32(n | 0)];
const i64 = (n: bigint): Bytes => [0x42, ...s64(BigInt.asIntN(64, n))];
/** f32.reinterpret_i32 / f64.reinterpret_i64 of a constant: any bit pattern, NaN payloads included. */
const f32Bits = (bits: number): Bytes => [...i32(bits | 0), 0xbe];
const f64Bits = (bits: bigint): Bytes => [...i64(bits), 0xbf];
const get = (n: number): Bytes => [0x20, n];

/** What each export's results are, as bits; the test's expectations read them from here. */
export const EDGE_RESULTS = {
  i64Min: -(1n << 63n),
  i64Max: (1n << 63n) - 1n,
  u32Above2p31: 0x80000000,
  f32NaNPayload: 0x7fc00321,
  f32MinusZero: 0x80000000,
  f64NaNPayload: 0x7ff8000000000123n,
  f64MinusInfinity: 0xfff0000000000000n,
  f64Infinity: 0x7ff0000000000000n,
  f64MinusZero: 0x8000000000000000n,
  f64NegativeNaN: 0xfff8000000000000n,
  nan64: 0x7ff8000000000abcn,
};

export function edgeValuesModule(): Uint8Array {
  const e = EDGE_RESULTS;
  const types = [
    funcType([], [T.i64, T.i64, T.i32, T.f32, T.f32, T.f64, T.f64, T.f64, T.f64, T.f64]),
    funcType([], [T.f64]),
    funcType([T.i64, T.i32, T.f64], [T.i64, T.i32, T.f64]),
  ];
  const edges = [
    ...i64(e.i64Min), ...i64(e.i64Max), ...i32(e.u32Above2p31), ...f32Bits(e.f32NaNPayload), ...f32Bits(e.f32MinusZero),
    ...f64Bits(e.f64NaNPayload), ...f64Bits(e.f64MinusInfinity), ...f64Bits(e.f64Infinity), ...f64Bits(e.f64MinusZero),
    ...f64Bits(e.f64NegativeNaN),
  ];
  const exports = [['edges', 0], ['nan64', 1], ['echo', 2]] as const;
  return module(
    section(1, vec(types)),
    section(3, vec(exports.map(([, type]) => u32(type)))),
    section(5, vec([[0x00, 1]])),
    section(7, vec([...exports.map(([name], i) => [...str(name), 0x00, ...u32(i)]), [...str('memory'), 0x02, 0]])),
    section(10, vec([body(edges), body(f64Bits(e.nan64)), body([...get(0), ...get(1), ...get(2)])])),
  );
}
