import { describe, expect, it } from 'vitest';
import { decodeValues, previewUtf16, previewUtf8 } from './value-decode.ts';

const bytes = new Uint8Array([0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);

describe('decodeValues', () => {
  it('decodes little-endian integers of every width, signed and unsigned', () => {
    const v = decodeValues(bytes, 0, true);
    expect(v.u8).toBe('254');
    expect(v.i8).toBe('-2');
    expect(v.u16).toBe('65534');
    expect(v.i16).toBe('-2');
    expect(v.u32).toBe('4294967294');
    expect(v.i32).toBe('-2');
    expect(v.u64).toBe('18446744073709551614');
    expect(v.i64).toBe('-2');
    expect(v.ptr32).toBe(4294967294);
  });
  it('decodes big-endian from the same bytes', () => {
    const v = decodeValues(bytes, 0, false);
    expect(v.u16).toBe('65279');
    expect(v.i16).toBe('-257');
    expect(v.u32).toBe('4278190079');
    expect(v.i64).toBe('-72057594037927937');
  });
  it('decodes floats in both orders', () => {
    const le = new Uint8Array(8);
    new DataView(le.buffer).setFloat64(0, 3.5, true);
    expect(decodeValues(le, 0, true).f64).toBe('3.5');
    const be = new Uint8Array(4);
    new DataView(be.buffer).setFloat32(0, -1.25, false);
    expect(decodeValues(be, 0, false).f32).toBe('-1.25');
    expect(decodeValues(be, 0, true).f32).not.toBe('-1.25');
  });
  it('returns null for values that need bytes we do not hold', () => {
    const v = decodeValues(bytes, 6, true);
    expect(v.u16).toBe('65535');
    expect(v.u32).toBeNull();
    expect(v.u64).toBeNull();
    expect(v.ptr32).toBeNull();
    expect(decodeValues(bytes, 8, true).u8).toBeNull();
  });
  it('reads at an offset inside a subarray', () => {
    const backing = new Uint8Array([9, 9, 0x34, 0x12]);
    expect(decodeValues(backing.subarray(2), 0, true).u16).toBe(String(0x1234));
  });
});

describe('text previews', () => {
  it('stops UTF-8 at NUL and decodes multibyte', () => {
    expect(previewUtf8(new TextEncoder().encode('héllo\0junk'))).toBe('héllo');
  });
  it('decodes UTF-16 in both byte orders and marks lone surrogates', () => {
    expect(previewUtf16(new Uint8Array([0x68, 0, 0x69, 0, 0, 0, 0x41, 0]), true)).toBe('hi');
    expect(previewUtf16(new Uint8Array([0, 0x68, 0, 0x69]), false)).toBe('hi');
    expect(previewUtf16(new Uint8Array([0x3d, 0xd8, 0x00, 0xde]), true)).toBe('😀');
    expect(previewUtf16(new Uint8Array([0x3d, 0xd8, 0x41, 0x00]), true)).toBe('\ufffdA');
  });
  it('stops the text at the end it is given (a region\'s end), NUL or not', () => {
    const bytes = new TextEncoder().encode('hello, wazero\x19\x02junk');
    expect(decodeValues(bytes, 0, true, 64, 13).utf8).toBe('hello, wazero');
    expect(decodeValues(bytes, 0, true, 64).utf8).toContain('junk');
    expect(decodeValues(new Uint8Array([0x68, 0, 0x69, 0, 0x6a, 0]), 0, true, 64, 4).utf16).toBe('hi');
  });
  it('formats special floats from their bits: -0, infinities, subnormals, a NaN\'s sign and payload as a global\'s', () => {
    const f32 = (bits: number, le = true) => {
      const b = new Uint8Array(4);
      new DataView(b.buffer).setUint32(0, bits, le);
      return decodeValues(b, 0, le).f32;
    };
    const f64 = (bits: bigint, le = true) => {
      const b = new Uint8Array(8);
      new DataView(b.buffer).setBigUint64(0, bits, le);
      return decodeValues(b, 0, le).f64;
    };
    expect(f32(0x80000000)).toBe('-0');
    expect(f32(0x7f800000, false)).toBe('Infinity');
    expect(f32(0xff800000)).toBe('-Infinity');
    // The least f32 in the fewest digits that read back as it, not its f64 widening 1.401298464324817e-45.
    expect(f32(0x00000001)).toBe('1e-45');
    expect(f32(0x7fc00000)).toBe('NaN');
    // Before: every NaN read "NaN", though the same bits as a global read -NaN or NaN:0x200001.
    expect(f32(0xffc00000)).toBe('-NaN');
    expect(f32(0x7fa00001, false)).toBe('NaN:0x200001');
    expect(f64(0x8000000000000000n)).toBe('-0');
    expect(f64(0x0000000000000001n)).toBe('5e-324');
    expect(f64(0x7ff8000000000000n)).toBe('NaN');
    expect(f64(0xfff0000000000abcn, false)).toBe('-NaN:0xabc');
    expect(f64(0x3eb0c6f7a0b5ed8dn)).toBe('0.000001');
    expect(f64(0x3e112e0be826d695n)).toBe('1e-9');
  });
  it('leaves out a character the preview\'s length cut in two, but not one the text\'s own end cuts', () => {
    // 31 two-byte characters (62 bytes), then '€' (3 bytes) and more: the 64-byte preview cuts
    // '€' after its second byte, though it is whole in memory. Before, the preview ended in U+FFFD.
    const text = new TextEncoder().encode(`${'é'.repeat(31)}€€ and more`);
    expect(decodeValues(text, 0, true, 64).utf8).toBe('é'.repeat(31));
    // Cut by the region's end (textEnd) or the end of what memory holds, the split character is
    // what the bytes there are: ill-formed.
    expect(decodeValues(text, 0, true, 64, 64).utf8).toBe(`${'é'.repeat(31)}\ufffd`);
    expect(previewUtf8(Uint8Array.from([0x41, 0xe2, 0x82]))).toBe('A\ufffd');
    // UTF-16: a pair the cut splits is left out; a lone high surrogate before a NUL is still marked.
    const units = new Uint8Array(132);
    units.fill(0x41);
    for (let i = 1; i < 132; i += 2) units[i] = 0;
    units.set([0x3d, 0xd8, 0x00, 0xde], 126);
    expect(decodeValues(units, 0, true, 64).utf16).toBe('A'.repeat(63));
    expect(previewUtf16(Uint8Array.from([0x41, 0, 0x3d, 0xd8, 0, 0]), true, true)).toBe('A\ufffd');
  });
});
