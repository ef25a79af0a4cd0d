import { describe, expect, it } from 'vitest';
import { decodeValues, formatFloat, previewUtf16, previewUtf8 } from './value-decode.ts';

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
  it('formats special floats', () => {
    expect(formatFloat(NaN)).toBe('NaN');
    expect(formatFloat(-0)).toBe('-0');
    expect(formatFloat(1e-9)).toBe('1e-9');
  });
});
