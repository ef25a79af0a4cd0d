// Converts sequence values to wasm arguments by signature, and wasm results to bound values.
//
// Results: i32 and i64 are bound as UNSIGNED (u32 / u64) integers. Results are mostly pointers,
// lengths and packed (ptr << 32 | len) pairs, and unsigned keeps `packed >> 32` and addresses
// above 2 GiB right; a C `-1` comes back as 4294967295 (compare with 0xffffffff, or `x - (1 << 32)`).
// Arguments: an i32 accepts -2^31 .. 2^32-1 and an i64 -2^63 .. 2^64-1, wrapped to the signed
// form the JS API expects; anything outside is an error, never a silent truncation. Likewise a
// finite f32 or f64 argument past the type's largest, which would become Infinity.

import type { BoundValue, ValType } from '../../shared/dto.ts';
import type { Span } from './ast.ts';
import { SequenceFault } from './errors.ts';
import { floatBound, kindOf } from './expr.ts';
import type { Value } from './expr.ts';
import { fitFloat, fitInt } from './layout.ts';

export function toWasmArg(v: Value, type: ValType, what: string, span: Span): number | bigint {
  switch (type) {
    case 'i32': return Number(BigInt.asIntN(32, fitInt(v, 32, `${what} (i32)`, span)));
    case 'i64': return BigInt.asIntN(64, fitInt(v, 64, `${what} (i64)`, span));
    case 'f32': return fitFloat(v, 32, `${what} (f32)`, span);
    case 'f64': return fitFloat(v, 64, `${what} (f64)`, span);
    default:
      throw new SequenceFault('eval-error', `${what} is a ${type}, which sequences cannot pass (got ${kindOf(v)})`, span);
  }
}

/** A raw result as an exact value: unsigned integers (see above), floats as numbers. */
export function fromWasmResult(r: number | bigint, type: ValType): bigint | number {
  if (type === 'i32') return BigInt(Number(r) >>> 0);
  if (type === 'i64') return BigInt.asUintN(64, BigInt(r));
  return Number(r);
}

/**
 * `type`: the export's result type, kept as the value's width: an integer's so its signed reading
 * can be shown (none for alloc's pointer), an f32's so it prints as an f32.
 */
export function resultToBound(v: bigint | number, type?: ValType): BoundValue {
  if (typeof v !== 'bigint') return floatBound(v, type === 'f32');
  return type === 'i32' || type === 'i64' ? { kind: 'int', value: v.toString(), bits: type === 'i32' ? 32 : 64 } : { kind: 'int', value: v.toString() };
}
