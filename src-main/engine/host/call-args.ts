// An ad-hoc call's arguments, typed: the text a person or a test gives (`8`, `-1`, `0x400`,
// `1.5`) becomes wasm values by the export's parameter types, here on the controlling side, so
// the worker receives values and the record of a call the worker never finished still has them.

import type { Result, ValType, WasmValue } from '../../shared/dto.ts';
import { fromJs, sequenceName } from '../../shared/value-format.ts';

const INTEGER = /^[+-]?(\d+|0x[0-9a-f]+)$/i;
/** A decimal below 2^31 in magnitude: the same i32 read as a plain number, without the BigInt detour. */
const SMALL_DECIMAL = /^-?\d{1,9}$/;

/**
 * Integers are exact (an i64 takes all 64 bits, an i32 wraps to 32 as JavaScript's API would);
 * other numbers are read as JavaScript numbers. Arguments past the parameters (or without an
 * export to name them) are kept as given: i64 when integer, f64 otherwise.
 */
export function parseCallArgs(name: string, texts: readonly string[], params: readonly ValType[]): Result<WasmValue[]> {
  const out: WasmValue[] = [];
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i]!;
    if (params[i] === 'i32' && SMALL_DECIMAL.test(text)) {
      out.push(fromJs('i32', Number(text)));
      continue;
    }
    const trimmed = text.trim();
    const integer = INTEGER.test(trimmed) ? signedBigInt(trimmed) : null;
    const type = params[i] ?? (integer === null ? 'f64' : 'i64');
    if (type === 'i32' || type === 'i64') {
      const n = integer ?? truncated(Number(trimmed));
      if (n === null) return { ok: false, error: { code: 'usage', message: `argument ${i + 1} of ${sequenceName(name)} (${type}): ${JSON.stringify(text)} is not a number` } };
      out.push(fromJs(type, type === 'i32' ? Number(BigInt.asIntN(32, n)) : n));
    } else if (type === 'f32' || type === 'f64') {
      out.push(fromJs(type, integer === null ? Number(trimmed) : Number(integer)));
    } else {
      return { ok: false, error: { code: 'usage', message: `argument ${i + 1} of ${sequenceName(name)} is a ${type}, which a call cannot pass` } };
    }
  }
  return { ok: true, value: out };
}

function signedBigInt(text: string): bigint {
  const magnitude = BigInt(text.replace(/^[+-]/, ''));
  return text.startsWith('-') ? -magnitude : magnitude;
}

function truncated(n: number): bigint | null {
  return Number.isFinite(n) ? BigInt(Math.trunc(n)) : null;
}
