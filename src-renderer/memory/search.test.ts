import { describe, expect, it } from 'vitest';
import { findAll, parsePattern, type Pattern } from './search.ts';

const p = (kind: Parameters<typeof parsePattern>[0], text: string, le = true) => parsePattern(kind, text, le) as Pattern;
const hex = (pat: Pattern) => Array.from(pat.bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');

describe('search patterns', () => {
  it('text in UTF-8 and UTF-16', () => {
    expect(hex(p('utf8', 'hé'))).toBe('68 c3 a9');
    expect(hex(p('utf16', 'hi'))).toBe('68 00 69 00');
    expect(hex(p('utf16', 'hi', false))).toBe('00 68 00 69');
  });
  it('hex with wildcards, and what is wrong with bad hex', () => {
    const pat = p('hex', 'de ad ?? ef');
    expect(Array.from(pat.mask)).toEqual([1, 1, 0, 1]);
    expect(parsePattern('hex', 'zz')).toMatch(/"zz" is not a hex byte/);
    expect(parsePattern('hex', '????')).toMatch(/wildcards only/);
  });
  it('numbers of every width in both byte orders, signed or unsigned', () => {
    expect(hex(p('u32', '0xdeadbeef'))).toBe('ef be ad de');
    expect(hex(p('u32', '0xdeadbeef', false))).toBe('de ad be ef');
    expect(hex(p('i16', '-2'))).toBe('fe ff');
    expect(hex(p('u64', '18446744073709551615'))).toBe('ff ff ff ff ff ff ff ff');
    expect(hex(p('f32', '1.5'))).toBe('00 00 c0 3f');
    expect(hex(p('f64', '1', false))).toBe('3f f0 00 00 00 00 00 00');
    expect(parsePattern('u8', '256')).toMatch(/does not fit in u8/);
    expect(parsePattern('i32', 'x')).toMatch(/not an integer/);
  });
});

describe('findAll', () => {
  const hay = new TextEncoder().encode('xxhello hellO hello');
  it('finds every match, overlapping ones too, with wildcards', () => {
    expect(findAll(hay, 100, p('utf8', 'hello'))).toEqual([102, 114]);
    expect(findAll(new Uint8Array([1, 1, 1]), 0, p('hex', '01 01'))).toEqual([0, 1]);
    expect(findAll(hay, 0, p('hex', '?? 65 6c'))).toEqual([2, 8, 14]);
    expect(findAll(hay, 0, p('utf8', 'hello'), 1)).toEqual([2]);
    expect(findAll(hay, 0, p('utf8', 'zzz'))).toEqual([]);
  });
});
