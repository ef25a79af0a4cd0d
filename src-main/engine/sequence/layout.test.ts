// C struct layout (natural alignment, padding, nesting) and typed reads/writes on a real memory.

import { describe, expect, it } from 'vitest';
import { GuestMemory } from '../memory/guest-memory.ts';
import type { FieldType } from './ast.ts';
import { layoutOf, readStruct, writeNum } from './layout.ts';
import { Cursor, parseFieldType } from './parse-expr.ts';
import { lexLine } from './lexer.ts';

const type = (text: string): FieldType => parseFieldType(new Cursor(lexLine(text), 1));
const offsets = (text: string): [string, number][] => layoutOf(type(text)).fields.map((f) => [f.name, f.offset]);
const span = { line: 1, column: 1, length: 1 };

describe('struct layout', () => {
  it('aligns each field naturally and pads the size to the widest field', () => {
    expect(offsets('{tag: u8, n: u32, x: u64}')).toEqual([['tag', 0], ['n', 4], ['x', 8]]);
    expect(layoutOf(type('{tag: u8, n: u32, x: u64}'))).toMatchObject({ size: 16, align: 8 });
    expect(offsets('{a: u8, b: u16, c: u8}')).toEqual([['a', 0], ['b', 2], ['c', 4]]);
    expect(layoutOf(type('{a: u8, b: u16, c: u8}'))).toMatchObject({ size: 6, align: 2 });
    expect(layoutOf(type('{a: u8, b: u8, c: u8}'))).toMatchObject({ size: 3, align: 1 });
  });

  it('lays out nested structs at their own alignment', () => {
    expect(offsets('{a: u8, in: {x: u64, y: u8}, b: u8}')).toEqual([['a', 0], ['in', 8], ['b', 24]]);
    expect(layoutOf(type('{a: u8, in: {x: u64, y: u8}, b: u8}')).size).toBe(32);
  });

  it('reads every field type little-endian, signed and unsigned, and nested values', () => {
    const mem = new GuestMemory(new WebAssembly.Memory({ initial: 1 }));
    const t = type('{a: i8, b: u16, c: i32, d: i64, e: f32, f: f64, in: {x: u8}}');
    writeNum(mem, 'i8', 100, -2n, span);
    writeNum(mem, 'u16', 102, 0xbeefn, span);
    writeNum(mem, 'i32', 104, -3n, span);
    // Offsets are relative to the struct: a @0, b @2, c @4, d @8, e @16, f @24, in @32, size 40.
    writeNum(mem, 'i64', 108, -4n, span);
    writeNum(mem, 'f32', 116, 0.5, span);
    writeNum(mem, 'f64', 124, -1.25, span);
    writeNum(mem, 'u8', 132, 255n, span);
    if (t.kind !== 'struct') throw new Error('not a struct');
    const v = readStruct(mem, t.fields, 100);
    expect(v).toMatchObject({ address: 100, size: 40 });
    expect(v.fields).toEqual({
      a: { kind: 'int', value: '-2' }, b: { kind: 'int', value: '48879' }, c: { kind: 'int', value: '-3' },
      d: { kind: 'int', value: '-4' }, e: { kind: 'float', value: 0.5, bits: 32 }, f: { kind: 'float', value: -1.25 },
      in: { kind: 'struct', type: '{x: u8}', address: 132, size: 1, fields: { x: { kind: 'int', value: '255' } } },
    });
  });

  it('refuses values that do not fit the written type', () => {
    const mem = new GuestMemory(new WebAssembly.Memory({ initial: 1 }));
    expect(() => writeNum(mem, 'u8', 0, 256n, span)).toThrow('write u8: 256 does not fit in 8 bits (-128 to 255)');
    expect(() => writeNum(mem, 'i16', 0, -32769n, span)).toThrow(/does not fit in 16 bits/);
    expect(() => writeNum(mem, 'u32', 0, 'x', span)).toThrow('write u32 needs an integer, not text');
    expect(() => writeNum(mem, 'f32', 0, 1e50, span)).toThrow('write f32: 1e+50 does not fit in f32 (-3.4028234663852886e+38 to 3.4028234663852886e+38)');
    expect(() => writeNum(mem, 'f64', 0, 1n << 1024n, span)).toThrow(/^write f64: 1797\d+ does not fit in f64 \(-1\.7976931348623157e\+308 to 1\.7976931348623157e\+308\)$/);
    writeNum(mem, 'f32', 0, Infinity, span);
    expect(mem.getF32(0)).toBe(Infinity);
    writeNum(mem, 'u16', 0, -1n, span);
    expect(mem.getU16(0)).toBe(0xffff);
  });
});
