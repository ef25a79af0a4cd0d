// An ad-hoc call's text arguments become values by the export's parameter types, exactly.

import { describe, expect, it } from 'vitest';
import { formatValue, fromJs } from '../../shared/value-format.ts';
import { parseCallArgs } from './call-args.ts';

describe('ad-hoc call arguments', () => {
  it('are typed by the parameters: i64 exact, i32 wrapped as the JS API would, floats as numbers', () => {
    const parsed = parseCallArgs('f', ['-9223372036854775808', '0x80000000', '5000000000', '1.5', '0x10'], ['i64', 'i32', 'i32', 'f32', 'f64']);
    expect(parsed).toEqual({ ok: true, value: [
      fromJs('i64', -(1n << 63n)), fromJs('i32', -2147483648), fromJs('i32', 705032704), fromJs('f32', 1.5), fromJs('f64', 16),
    ] });
    expect(parsed.ok && parsed.value.map(formatValue)).toEqual(['-9223372036854775808', '-2147483648', '705032704', '1.5', '16']);
  });

  it('read short decimals for an i32 the same as any other integer text', () => {
    const texts = ['0', '-0', '007', '999999999', '-999999999', '1000000000', '+5', ' 5', '-2147483648'];
    const parsed = parseCallArgs('f', texts, texts.map(() => 'i32'));
    expect(parsed.ok && parsed.value.map(formatValue)).toEqual(['0', '0', '7', '999999999', '-999999999', '1000000000', '5', '5', '-2147483648']);
    expect(parsed.ok && parsed.value.every((v) => v.type === 'i32' && Object.is(v.bits, v.bits >>> 0))).toBe(true);
  });

  it('past the parameters, or with no export to type them, are kept as given', () => {
    expect(parseCallArgs('missing', ['18446744073709551615', '2.5'], [])).toEqual({ ok: true, value: [fromJs('i64', -1n), fromJs('f64', 2.5)] });
  });

  it('that are not numbers are refused, naming the argument', () => {
    expect(parseCallArgs('f', ['7', 'seven'], ['i32', 'i64'])).toEqual({
      ok: false, error: { code: 'usage', message: 'argument 2 of f (i64): "seven" is not a number' },
    });
    // Named as a sequence writes the callee (it said "argument 1 of my-func").
    expect(parseCallArgs('my-func', ['seven'], ['i32'])).toEqual({
      ok: false, error: { code: 'usage', message: 'argument 1 of "my-func" (i32): "seven" is not a number' },
    });
  });
});
