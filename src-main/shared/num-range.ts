// The values a wasm number type takes, one rule for the sequence engine (arguments, `write`) and
// the page's memory search, so both refuse the same numbers in the same words: an integer of N
// bits takes its signed or its unsigned range (-2^31 to 2^32-1 for 32), a float stays finite at
// its width (1e50 would become Infinity as an f32).

/**
 * The lowest and highest value an integer of `bits` takes: its signed range's low end, its
 * unsigned range's high end, so `write u32 -1` and `write i32 0xffffffff` both store ff ff ff ff
 * (the value is wrapped to the width when stored).
 */
export function intRange(bits: number): [bigint, bigint] {
  return [-(1n << BigInt(bits - 1)), (1n << BigInt(bits)) - 1n];
}

/** The largest finite value of a float of `bits`. */
export function floatMax(bits: 32 | 64): number {
  return bits === 32 ? 3.4028234663852886e38 : Number.MAX_VALUE;
}
