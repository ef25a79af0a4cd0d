// LEB128 and name decoding: values, limits and the exact offsets errors report.
import { describe, expect, it } from 'vitest';
import { ByteReader, ReadError } from './reader.ts';

const reader = (...bytes: number[]): ByteReader => new ByteReader(new Uint8Array(bytes));

function failure(fn: () => unknown): ReadError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ReadError) return e;
    throw e;
  }
  throw new Error('expected a ReadError');
}

describe('ByteReader LEB128', () => {
  it('reads unsigned 32-bit values, including the largest', () => {
    expect(reader(0x00).u32()).toBe(0);
    expect(reader(0xe5, 0x8e, 0x26).u32()).toBe(624485);
    expect(reader(0xff, 0xff, 0xff, 0xff, 0x0f).u32()).toBe(0xffffffff);
    // Redundant zero padding up to 5 bytes is allowed by the spec.
    expect(reader(0x80, 0x80, 0x80, 0x80, 0x00).u32()).toBe(0);
  });

  it('rejects u32 overruns, over-long encodings and extra bits with the LEB start offset', () => {
    const r = reader(0x01, 0x80, 0x80);
    r.u8();
    expect(failure(() => r.u32('count'))).toMatchObject({ offset: 1, message: 'LEB128 count runs past the end' });
    expect(failure(() => reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x00).u32())).toMatchObject({ offset: 0, message: expect.stringMatching(/longer than 5 bytes/) });
    expect(failure(() => reader(0xff, 0xff, 0xff, 0xff, 0x1f).u32())).toMatchObject({ offset: 0, message: expect.stringMatching(/does not fit in 32 bits/) });
  });

  it('reads signed 32-bit values at both ends of the range', () => {
    expect(reader(0x7f).s32()).toBe(-1);
    expect(reader(0x80, 0x7f).s32()).toBe(-128);
    expect(reader(0xff, 0xff, 0xff, 0xff, 0x07).s32()).toBe(2147483647);
    expect(reader(0x80, 0x80, 0x80, 0x80, 0x78).s32()).toBe(-2147483648);
  });

  it('rejects s32 whose last byte is not a sign extension', () => {
    expect(failure(() => reader(0xff, 0xff, 0xff, 0xff, 0x0f).s32())).toMatchObject({ offset: 0, message: expect.stringMatching(/does not fit in 32 bits/) });
    expect(failure(() => reader(0x80, 0x80, 0x80, 0x80, 0x70).s32())).toMatchObject({ offset: 0 });
  });

  it('reads s33 block types and s64 extremes exactly', () => {
    expect(reader(0x40).s33()).toBe(-64);
    expect(reader(0xff, 0xff, 0xff, 0xff, 0x0f).s33()).toBe(4294967295);
    const max = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00];
    expect(reader(...max).s64()).toBe(9223372036854775807n);
    const min = [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f];
    expect(reader(...min).s64()).toBe(-9223372036854775808n);
    expect(failure(() => reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01).s64()).message).toMatch(/64 bits/);
    expect(failure(() => reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00).s64()).message).toMatch(/longer than 10/);
  });

  it('reads u64 limits used by memory64 up to 2^53', () => {
    expect(reader(0x80, 0x80, 0x80, 0x80, 0x10).u64()).toBe(2 ** 32);
    expect(failure(() => reader(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f).u64()).message).toMatch(/too large/);
  });
});

describe('ByteReader names and bounds', () => {
  it('decodes ASCII and multi-byte UTF-8 names', () => {
    expect(reader(3, 0x65, 0x6e, 0x76).name()).toBe('env');
    expect(reader(4, 0xf0, 0x9f, 0x98, 0x80).name()).toBe('\u{1f600}');
  });

  it('reports invalid UTF-8 at the first byte of the name text', () => {
    expect(failure(() => reader(2, 0xc3, 0x28).name('field'))).toMatchObject({ offset: 1, message: 'field is not valid UTF-8' });
  });

  it('reports a name longer than what remains at its length prefix', () => {
    expect(failure(() => reader(9, 0x41).name('field'))).toMatchObject({ offset: 0, message: 'field of 9 bytes runs past the end' });
  });

  it('never reads past a sub-reader end into the next section', () => {
    const r = reader(2, 0xaa, 0xbb, 0xcc);
    r.u8();
    const sub = r.sub(2, 'section');
    sub.u8();
    sub.u8();
    expect(failure(() => sub.u8('byte')).offset).toBe(3);
    expect(r.pos).toBe(3);
  });
});
