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
  it('says why bytes are not a character: cut off by the end of memory, or ill-formed, never a U+FFFD that is not there', () => {
    // The first two bytes of '€' (e2 82 ac) as the last two of memory: a character start, cut off.
    expect(charText(Uint8Array.from([0xe2, 0x82]))).toBe('cut off: 0xe282 starts a 3-byte character past the end');
    // A lead byte without its continuation, an overlong '/', an encoded surrogate, a lead byte that never starts one.
    expect(charText(Uint8Array.from([0xe2, 0x41, 0x41]))).toBe('ill-formed UTF-8 (0xe24141)');
    expect(charText(Uint8Array.from([0xc0, 0xaf]))).toBe('not a character start (0xc0)');
    expect(charText(Uint8Array.from([0xed, 0xa0, 0x80]))).toBe('ill-formed UTF-8 (0xeda080)');
    expect(charText(Uint8Array.from([0xf8, 0x80, 0x80, 0x80]))).toBe('not a character start (0xf8)');
    // U+FFFD itself, when memory holds it, is shown as it is.
    expect(charText(Uint8Array.from([0xef, 0xbf, 0xbd]))).toBe("'\ufffd' U+FFFD");
    expect(charText(new TextEncoder().encode('😀'))).toBe("'😀' U+1F600");
  });
});
