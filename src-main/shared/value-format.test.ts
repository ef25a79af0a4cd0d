// Wasm values as data: exact through structured clone and the web shell's JSON framing, and the
// one formatter's text (which must equal what String() printed for the same value before).

import { describe, expect, it } from 'vitest';
import type { BoundValue, WasmValue } from './dto.ts';
import { boundInSentence, boundText, formatBinding, formatCallExpr, formatValue, formatValues, fromJs, toJs } from './value-format.ts';
import { decodeWire, encodeWire, type ServerMessage } from './wire.ts';

const f32 = (bits: number): WasmValue => ({ type: 'f32', bits });
const f64 = (bits: bigint): WasmValue => ({ type: 'f64', bits: bits.toString(16).padStart(16, '0') });

/** Edge values as data, and the text each must print. */
const EDGES: [WasmValue, string][] = [
  [fromJs('i64', -(1n << 63n)), '-9223372036854775808'],
  [fromJs('i64', (1n << 63n) - 1n), '9223372036854775807'],
  [fromJs('i64', -1n), '-1'],
  [fromJs('i32', 0x80000000), '-2147483648'],
  [fromJs('i32', 0xffffffff), '-1'],
  [fromJs('i32', 67104), '67104'],
  [f32(0x7fc00000), 'NaN'],
  [f32(0xffc00000), '-NaN'],
  [f32(0x7fc00321), 'NaN:0x400321'],
  [f32(0x7fa00001), 'NaN:0x200001'],
  [f32(0x80000000), '-0'],
  [f32(0x7f800000), 'Infinity'],
  [f32(0xff800000), '-Infinity'],
  [fromJs('f32', 1.1), '1.1'],
  [fromJs('f32', 0.1), '0.1'],
  [fromJs('f32', 16777216), '16777216'],
  [fromJs('f32', 3.4028234663852886e38), '3.4028235e+38'],
  [fromJs('f32', 1e-45), '1e-45'],
  [fromJs('f32', Math.fround(1 / 3)), '0.33333334'],
  [f64(0x7ff8000000000000n), 'NaN'],
  [f64(0x7ff8000000000123n), 'NaN:0x8000000000123'],
  [f64(0x7ff4000000000001n), 'NaN:0x4000000000001'],
  [f64(0xfff8000000000000n), '-NaN'],
  [f64(0x8000000000000000n), '-0'],
  [fromJs('f64', 0), '0'],
  [fromJs('f64', -Infinity), '-Infinity'],
  [fromJs('f64', 0.1), '0.1'],
  [fromJs('f64', 2 ** 53 + 2), '9007199254740994'],
  [{ type: 'funcref', func: 3 }, 'func 3'],
  [{ type: 'funcref', func: null }, 'null'],
  [{ type: 'externref', isNull: true }, 'null'],
];

describe('wasm values as data', () => {
  it('print the text String() printed for ordinary values', () => {
    for (const raw of [0, 1, -1, 2147483647, -2147483648, 1048576]) expect(formatValue(fromJs('i32', raw))).toBe(String(raw));
    for (const raw of [0n, -1n, 4467570830351532032n, -(1n << 63n)]) expect(formatValue(fromJs('i64', raw))).toBe(String(raw));
    for (const raw of [0.5, 1e21, 1.5e-7, 3.141592653589793, Infinity, NaN]) expect(formatValue(fromJs('f64', raw))).toBe(String(raw));
    expect(formatValue(fromJs('f32', Math.fround(0.3)))).toBe('0.3');
  });

  it('print each f32 in the fewest digits that read back as it, never as its f64 widening', () => {
    // Every 104729th f32 bit pattern that is finite: the text reads back to the same bits, in at most 9 significant digits.
    const bits = new DataView(new ArrayBuffer(4));
    for (let pattern = 0; pattern < 2 ** 32; pattern += 104729) {
      bits.setUint32(0, pattern);
      const n = bits.getFloat32(0);
      if (!Number.isFinite(n)) continue;
      const text = formatValue(fromJs('f32', n));
      expect(Math.fround(Number(text)), text).toBe(n);
      expect(text.replace(/^-|e.*$|\./g, '').replace(/^0+|0+$/g, '').length, text).toBeLessThanOrEqual(9);
    }
  });

  it('print the edge values: i64 ends, an i32 past 2^31, NaN payloads, -0, infinities', () => {
    expect(EDGES.map(([v]) => formatValue(v))).toEqual(EDGES.map(([, text]) => text));
  });

  it('cross structured clone (worker, Electron IPC) and the web shell\'s JSON frame bit for bit', () => {
    const values = EDGES.map(([v]) => v);
    expect(structuredClone(values)).toEqual(values);
    const frame = encodeWire({ type: 'response', id: 1, result: { ok: true, value: values } });
    expect(typeof frame).toBe('string');
    const back = decodeWire(frame as string) as ServerMessage & { type: 'response' };
    expect(back.result).toEqual({ ok: true, value: values });
  });

  it('give JavaScript back the value the guest had: i64 exact, a quiet NaN with its payload', () => {
    expect(toJs(fromJs('i64', -(1n << 63n)))).toBe(-(1n << 63n));
    expect(toJs(fromJs('i32', 0x80000000))).toBe(-2147483648);
    expect(Object.is(toJs(f64(0x8000000000000000n)), -0)).toBe(true);
    expect(fromJs('f64', toJs(f64(0x7ff8000000000123n)))).toEqual(f64(0x7ff8000000000123n));
    expect(fromJs('f32', toJs(f32(0x7fc00321)))).toEqual(f32(0x7fc00321));
  });

  it('write a call and a list', () => {
    expect(formatCallExpr('greeting', [fromJs('i32', 1040), fromJs('i32', 6)])).toBe('greeting(1040, 6)');
    expect(formatCallExpr('_initialize', [])).toBe('_initialize()');
    // A name that is not an identifier is quoted, as a sequence must write it.
    expect(formatCallExpr('add-one', [fromJs('i32', 1)])).toBe('"add-one"(1)');
    expect(formatCallExpr('$fn2', [])).toBe('$fn2()');
    expect(formatCallExpr('say "hi"\\\n', [])).toBe('"say \\"hi\\"\\\\\\x0a"()');
    expect(formatCallExpr('2go', [])).toBe('"2go"()');
    expect(formatValues([fromJs('i64', 1n), fromJs('f64', 1.5)])).toBe('1, 1.5');
  });
});

describe('a bound call result', () => {
  // Bound unsigned (sequences compute with it as an address or a length); the call's row prints
  // the result signed, so the binding says its signed reading beside it, only where they differ.
  const minusOne: BoundValue = { kind: 'int', value: '4294967295', bits: 32 };
  it('says its signed reading where it differs from the unsigned one', () => {
    expect(formatBinding(minusOne)).toBe('4294967295 (0xffffffff, signed -1)');
    expect(boundText(minusOne)).toBe('4294967295 (signed -1)');
    expect(boundInSentence(minusOne)).toBe('-1 (4294967295 unsigned)');
    expect(formatBinding({ kind: 'int', value: '18446744073709551614', bits: 64 })).toBe('18446744073709551614 (0xfffffffffffffffe, signed -2)');
  });

  it('says nothing more for a value below the sign bit, or one with no width (a computed value)', () => {
    expect(formatBinding({ kind: 'int', value: '2147483647', bits: 32 })).toBe('2147483647 (0x7fffffff)');
    expect(formatBinding({ kind: 'int', value: '4294967295', bits: 64 })).toBe('4294967295 (0xffffffff)');
    expect(formatBinding({ kind: 'int', value: '4294967295' })).toBe('4294967295 (0xffffffff)');
  });

  it('a float of -0 keeps its sign (String(-0) is "0"), as the call\'s result prints it', () => {
    const negz: BoundValue = { kind: 'float', value: -0 };
    expect([formatBinding(negz), boundText(negz), boundInSentence(negz)]).toEqual(['-0', '-0', '-0']);
    expect(formatBinding({ kind: 'float', value: 0 })).toBe('0');
  });
});
