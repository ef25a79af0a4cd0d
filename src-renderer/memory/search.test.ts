import { describe, expect, it } from 'vitest';
import { findAll, parsePattern, parseWriteBytes, SEARCH_KINDS, type Pattern } from './search.ts';

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
  it('blank is nothing typed for hex and numbers, but real text for the text kinds', () => {
    for (const kind of SEARCH_KINDS) expect(parsePattern(kind, '')).toBe('type something to search for');
    // BigInt('') is 0n: three spaces once searched u32 for zero bytes.
    for (const kind of SEARCH_KINDS.filter((k) => !k.startsWith('utf'))) {
      expect(parsePattern(kind, '   '), kind).toBe('type something to search for');
      expect(parsePattern(kind, ' \t '), kind).toBe('type something to search for');
    }
    expect(hex(p('utf8', '   '))).toBe('20 20 20');
    expect(hex(p('utf16', ' '))).toBe('20 00');
  });
  it('numbers out of range say the range, f32 as the engine says it', () => {
    expect(parsePattern('i8', '-129')).toBe('-129 does not fit in i8 (-128 to 255)');
    expect(parsePattern('u64', '18446744073709551616')).toBe('18446744073709551616 does not fit in u64 (-9223372036854775808 to 18446744073709551615)');
    // A byte takes either range: -1 is 0xff, -256 fits neither.
    expect(hex(p('u8', '-1'))).toBe('ff');
    expect(parsePattern('u8', '-256')).toMatch(/does not fit in u8/);
    expect(parsePattern('f32', '1e40')).toBe('1e+40 does not fit in f32 (-3.4028234663852886e+38 to 3.4028234663852886e+38)');
    expect(parsePattern('f32', '-1e40')).toMatch(/^-1e\+40 does not fit in f32/);
    // The largest finite f32 fits; f64 takes 1e40; Infinity typed as such is searched for.
    expect(hex(p('f32', '3.4028234663852886e38'))).toBe('ff ff 7f 7f');
    expect(typeof parsePattern('f64', '1e40')).toBe('object');
    expect(hex(p('f32', 'Infinity'))).toBe('00 00 80 7f');
    expect(parsePattern('f32', 'abc')).toBe('"abc" is not a number');
    expect(parsePattern('hex', '0x0a')).toMatch(/"0x" is not a hex byte/);
  });
});

describe('parseWriteBytes (the byte editor)', () => {
  it('plain hex bytes, and a hint that suggests no wildcards', () => {
    expect(Array.from(parseWriteBytes('4f 57') as Uint8Array)).toEqual([0x4f, 0x57]);
    expect(Array.from(parseWriteBytes('dead') as Uint8Array)).toEqual([0xde, 0xad]);
    expect(parseWriteBytes('zz')).toBe('"zz" is not a hex byte (write pairs like de ad be ef)');
    expect(parseWriteBytes('zz')).not.toContain('??');
    expect(parseWriteBytes('de ?? ef')).toBe('write takes plain hex bytes, no ?? wildcards');
    expect(parseWriteBytes('   ')).toBe('type the bytes to write');
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
