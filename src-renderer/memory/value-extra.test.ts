import { describe, expect, it } from 'vitest';
import { boolText, charText, formatRadix, readLeb128 } from './value-extra.ts';

describe('value inspector extras', () => {
  it('shows integers in hex, octal and binary, negatives as their bytes', () => {
    expect(formatRadix('254', 'hex', 8)).toBe('0xfe');
    expect(formatRadix('-2', 'hex', 8)).toBe('0xfe');
    expect(formatRadix('-2', 'hex', 64)).toBe('0xfffffffffffffffe');
    expect(formatRadix('8', 'oct', 32)).toBe('0o10');
    expect(formatRadix('5', 'bin', 8)).toBe('0b101');
    expect(formatRadix('12', 'dec', 32)).toBe('12');
  });
  it('reads LEB128 as wasm encodes it', () => {
    expect(readLeb128(Uint8Array.from([0xe5, 0x8e, 0x26]), false)).toEqual({ value: '624485', length: 3 });
    expect(readLeb128(Uint8Array.from([0xc0, 0xbb, 0x78]), true)).toEqual({ value: '-123456', length: 3 });
    expect(readLeb128(Uint8Array.from([0x7f]), true)).toEqual({ value: '-1', length: 1 });
    expect(readLeb128(Uint8Array.from([0x80, 0x80]), false)).toBeNull();
  });
  it('reads bool and char', () => {
    expect(boolText(0)).toBe('false');
    expect(boolText(1)).toBe('true');
    expect(boolText(42)).toBe('true (0x2a)');
    expect(charText(new TextEncoder().encode('é!'))).toBe("'é' U+00E9");
    expect(charText(Uint8Array.from([10]))).toBe("'\\n' U+000A");
    expect(charText(Uint8Array.from([0x80]))).toBe('not a character start (0x80)');
  });
});
