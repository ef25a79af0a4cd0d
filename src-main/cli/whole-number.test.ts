import { describe, expect, it } from 'vitest';
import { wholeNumber } from './whole-number.ts';

describe('wholeNumber', () => {
  it('reads decimal digits, leading zeros included', () => {
    expect(wholeNumber('0')).toBe(0);
    expect(wholeNumber('8080')).toBe(8080);
    expect(wholeNumber('007')).toBe(7);
  });

  it('refuses what Number() reads leniently: empty, spaces, hex, exponents, signs, fractions, past 2^53', () => {
    for (const text of [undefined, '', ' ', ' 5', '5 ', '0x10', '1e3', '+5', '-5', '1.0', '1_000', 'Infinity', '9007199254740993']) {
      expect(wholeNumber(text), String(text)).toBeNull();
    }
  });
});
