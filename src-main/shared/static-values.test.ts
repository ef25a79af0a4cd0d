// Each reading's edges, by hand; dwarf/layout.test.ts reads a real build's statics through it.

import { describe, expect, it } from 'vitest';
import { cText, encodeValue, partsOf, scalarText, valueText, wideText } from './static-values.ts';
import { fullText } from './static-follow.ts';
import type { StaticLayout } from './dto.ts';

describe('static values', () => {
  it('reads each kind of number, and says when bytes cannot be one', () => {
    const b = (...x: number[]) => new Uint8Array(x);
    expect(scalarText('signed', b(0xff, 0xff))).toBe('-1');
    expect(scalarText('unsigned', b(0xff, 0xff))).toBe('65535 (0xffff)');
    expect(scalarText('pointer', b(0x70, 0x06, 0x01, 0x00))).toBe('0x10670');
    expect(scalarText('float', b(0, 0, 0x20, 0x40))).toBe('2.5');
    // A C float holding 0.1f reads as the f32 it is, not its f64 widening 0.10000000149011612.
    expect(scalarText('float', b(0xcd, 0xcc, 0xcc, 0x3d))).toBe('0.1');
    expect(scalarText('float', b(0, 0))).toBeNull();
    expect(scalarText('unsigned', b(1, 2, 3))).toBeNull();
    // A 5-bit signed field from bit 6 across two bytes: 0b10110 is -10.
    expect(scalarText('signed', b(0b1000_0000, 0b101), { shift: 6, width: 5 })).toBe('-10');
    expect(scalarText('unsigned', b(0b1000_0000, 0b101), { shift: 6, width: 5 })).toBe('22 (0x16)');
    expect(partsOf({ kind: 'array', count: null, stride: 4, element: 'int' })).toEqual([]);
    expect(partsOf({ kind: 'array', count: 1000, stride: 4, element: 'int', scalar: 'signed' }).length).toBe(100);
  });

  it('reads a C char as its number and character, and the text a char * points at to its NUL', () => {
    const b = (...x: number[]) => new Uint8Array(x);
    expect(valueText({ scalar: 'signed', type: 'char' }, b(0x6b))).toBe("107 'k'");
    expect(valueText({ scalar: 'signed', type: 'const char' }, b(10))).toBe("10 '\\n'");
    expect(valueText({ scalar: 'signed', type: 'char' }, b(0xe9))).toBe("-23 '\\xe9'");
    expect(valueText({ scalar: 'unsigned', type: 'unsigned char' }, b(39))).toBe("39 '\\''");
    expect(valueText({ scalar: 'unsigned', type: 'uint8_t' }, b(0x6b))).toBe('107 (0x6b)');
    // A boolean as true or false; a byte no bool holds, as its number.
    expect(['_Bool', 'bool', 'const bool'].map((type) => valueText({ scalar: 'unsigned', type }, b(1)))).toEqual(['true', 'true', 'true']);
    expect(valueText({ scalar: 'unsigned', type: 'bool' }, b(0))).toBe('false');
    expect(valueText({ scalar: 'unsigned', type: 'bool' }, b(7))).toBe('7');
    expect(valueText({ type: 'point' }, b(1, 2, 3, 4))).toBeNull();
    // An array of enums: each element reads as its enumerator.
    const phases = partsOf({ kind: 'array', count: 2, stride: 1, element: 'phase', scalar: 'unsigned', enumerators: { 0: 'IDLE', 2: 'RUNNING' } });
    expect(phases.map((p, i) => valueText(p, b(0, 2).subarray(i, i + 1)))).toEqual(['IDLE (0)', 'RUNNING (2)']);
    expect(valueText({ type: 'const char[6]', layout: { kind: 'array', count: 6, stride: 1, element: 'const char', scalar: 'signed' } }, b(104, 105, 0, 0, 0, 0))).toBe('"hi"');
    expect(valueText({ type: 'int[2]', layout: { kind: 'array', count: 2, stride: 4, element: 'int', scalar: 'signed' } }, b(1, 0, 0, 0, 2, 0, 0, 0))).toBe('[1, 2]');
    // A Rust tuple as rustc lays one out, `(u32, f32)` { __0, __1 }: its elements, unnamed.
    const pair: StaticLayout = { kind: 'struct', fields: [{ name: '__0', offset: 0, size: 4, type: 'u32', scalar: 'unsigned' }, { name: '__1', offset: 4, size: 4, type: 'f32', scalar: 'float' }] };
    expect(valueText({ type: '(u32, f32)', layout: pair }, b(7, 0, 0, 0, 0, 0, 0x20, 0x40))).toBe('(7, 2.5)');
    expect(cText(new TextEncoder().encode('key\0junk'))).toBe('"key"');
    // A char array with bytes after its NUL shows them, as gdb does; trailing NULs alone do not.
    const tag = { type: 'char[4]', layout: { kind: 'array' as const, count: 4, stride: 1, element: 'char', scalar: 'signed' as const } };
    expect(valueText(tag, b(0, 0, 0x80, 0x3f))).toBe('"\\000\\000\\200?"');
    expect(valueText(tag, b(0x61, 0, 0x22, 0x31))).toBe('"a\\000\\"1"');
    expect(valueText(tag, b(0x61, 0, 0, 0))).toBe('"a"');
    expect(valueText(tag, b(0, 0, 0, 0))).toBe('""');
    expect(cText(new TextEncoder().encode('say "hi"\n\0'))).toBe('"say \\"hi\\"\\n"');
    expect(cText(new TextEncoder().encode('no end'))).toBe('"no end…"');
  });

  it('sums up a struct or an array in one line, its first parts read, the rest and nested ones elided', () => {
    const int = { type: 'int', size: 4, scalar: 'signed' as const };
    const vec: StaticLayout = { kind: 'struct', fields: [{ name: 'x', offset: 0, ...int }, { name: 'y', offset: 4, ...int }] };
    const body: StaticLayout = { kind: 'struct', fields: [
      { name: 'at', offset: 0, size: 8, type: 'vec', layout: vec }, { name: 'id', offset: 8, ...int },
      { name: 'a', offset: 12, ...int }, { name: 'b', offset: 16, ...int }, { name: 'c', offset: 20, ...int },
    ] };
    const bytes = new Uint8Array(24).map((_, i) => (i % 4 === 0 ? i / 4 : 0));
    expect(valueText({ type: 'body', layout: body }, bytes)).toBe('{ at: {…}, id: 2, a: 3, b: 4, … }');
    expect(valueText({ type: 'vec', layout: vec }, bytes.subarray(0, 6))).toBe('{ x: 0, y: … }'); // y past the bytes read
    // Rust's wrappers (AtomicUsize { v: UnsafeCell { value } }) read as what they wrap; another
    // struct of one field reads through, with its name.
    const cell: StaticLayout = { kind: 'struct', fields: [{ name: 'value', offset: 0, ...int }] };
    const atomic: StaticLayout = { kind: 'struct', fields: [{ name: 'v', offset: 0, size: 4, type: 'UnsafeCell<usize>', layout: cell }] };
    expect(valueText({ type: 'AtomicUsize', layout: atomic }, bytes.subarray(4, 8))).toBe('1');
    expect(valueText({ type: 'counter', layout: { kind: 'struct', fields: [{ name: 'hits', offset: 0, size: 4, type: 'AtomicUsize', layout: atomic }, { name: 'id', offset: 4, ...int }] } }, bytes.subarray(4, 12))).toBe('{ hits: 1, id: 2 }');
    expect(valueText({ type: 'Guard', layout: { kind: 'struct', fields: [{ name: 'v', offset: 0, size: 4, type: 'Inner', layout: cell }] } }, bytes.subarray(4, 8))).toBe('{ v: { value: 1 } }');
    expect(valueText({ type: 'int[10]', layout: { kind: 'array', count: 10, stride: 1, element: 'int8_t', scalar: 'signed' } }, new Uint8Array(10).fill(1)))
      .toBe('[1, 1, 1, 1, 1, 1, 1, 1, …]');
  });

  it('encodes a new value for Set Value: integers in range, floats, characters, enumerators, a bit field\'s bits alone', () => {
    const b = (...x: number[]) => new Uint8Array(x);
    const bytes = (r: Uint8Array | string) => (typeof r === 'string' ? r : [...r]);
    expect(bytes(encodeValue({ scalar: 'signed', type: 'int' }, b(0, 0, 0, 0), '-2'))).toEqual([0xfe, 0xff, 0xff, 0xff]);
    expect(bytes(encodeValue({ scalar: 'unsigned', type: 'unsigned char' }, b(0), '0x80'))).toEqual([0x80]);
    expect(encodeValue({ scalar: 'signed', type: 'signed char' }, b(0), '128')).toBe('128 does not fit signed char (-128 to 127)');
    expect(bytes(encodeValue({ scalar: 'float', type: 'float' }, b(0, 0, 0, 0), '2.5'))).toEqual([0, 0, 0x20, 0x40]);
    expect(encodeValue({ scalar: 'float', type: 'float' }, b(0, 0, 0, 0), 'fast')).toBe("'fast' is not a number");
    // Past the largest float it wrote Infinity, and said nothing.
    expect(encodeValue({ scalar: 'float', type: 'float' }, b(0, 0, 0, 0), '1e40')).toBe('1e40 does not fit float (-3.4028234663852886e+38 to 3.4028234663852886e+38)');
    expect(encodeValue({ scalar: 'float', type: 'double' }, b(0, 0, 0, 0, 0, 0, 0, 0), '-1e400')).toBe('-1e400 does not fit double (-1.7976931348623157e+308 to 1.7976931348623157e+308)');
    expect(bytes(encodeValue({ scalar: 'float', type: 'float' }, b(0, 0, 0, 0), '-Infinity'))).toEqual([0, 0, 0x80, 0xff]);
    expect(bytes(encodeValue({ scalar: 'float', type: 'float' }, b(0, 0, 0, 0), '3.4e38'))).toEqual([0x9e, 0xc9, 0x7f, 0x7f]);
    expect(bytes(encodeValue({ scalar: 'signed', type: 'char' }, b(0), "'k'"))).toEqual([0x6b]);
    expect(bytes(encodeValue({ scalar: 'signed', type: 'char' }, b(7), "'\\n'"))).toEqual([10]);
    // A global shrunk to a flag: its value is scale·x + offset of the byte x, 0 or 1.
    const mode = { scalar: 'signed' as const, type: 'int', stored: { scale: 5, offset: 0 } };
    expect([valueText(mode, b(0)), valueText(mode, b(1))]).toEqual(['0 (stored as 0)', '5 (stored as 1)']);
    expect(valueText({ ...mode, enumerators: { 5: 'BUSY' } }, b(1))).toBe('BUSY (5) (stored as 1)');
    expect(bytes(encodeValue(mode, b(0), '5'))).toEqual([1]);
    expect(bytes(encodeValue(mode, b(1), '0'))).toEqual([0]);
    expect(encodeValue(mode, b(0), '7')).toBe("'7' cannot be stored: the optimiser keeps int as a flag x and its value as 5·x + 0, so it is 0 or 5");
    expect(bytes(encodeValue({ scalar: 'unsigned', type: '_Bool' }, b(0), 'true'))).toEqual([1]);
    expect(bytes(encodeValue({ scalar: 'unsigned', type: 'bool' }, b(1), 'false'))).toEqual([0]);
    expect(encodeValue({ scalar: 'unsigned', type: 'int' }, b(0, 0, 0, 0), 'true')).toBe("'true' is not an integer (42, -1, 0x2a)");
    expect(bytes(encodeValue({ scalar: 'signed', type: 'phase', enumerators: { 0: 'IDLE', '-1': 'FAILED' } }, b(0, 0, 0, 0), 'FAILED'))).toEqual([0xff, 0xff, 0xff, 0xff]);
    expect(bytes(encodeValue({ scalar: 'pointer', type: 'char *' }, b(0, 0, 0, 0), '0x10680'))).toEqual([0x80, 0x06, 0x01, 0]);
    // bits 1..3 of 0b1111_0001 set to 5 (0b101): the ready bit and the high nibble stay.
    expect(bytes(encodeValue({ scalar: 'unsigned', type: 'unsigned int : 3', bits: { shift: 1, width: 3 } }, b(0b1111_0001), '5'))).toEqual([0b1111_1011]);
    expect(encodeValue({ scalar: 'unsigned', type: 'unsigned int : 3', bits: { shift: 1, width: 3 } }, b(0), '8')).toBe('8 does not fit unsigned int : 3 (0 to 7)');
    expect(encodeValue({ type: 'point' }, b(0, 0), '1')).toBe('point is not a number: set its parts one by one');
  });

  it('reads wchar_t, char16_t and char32_t as gdb does: a character with its literal prefix, an array as L"…", u"…", U"…" text', () => {
    const b = (...x: number[]) => new Uint8Array(x);
    // They read as integers: `955 (0x3bb)`.
    expect(valueText({ scalar: 'signed', type: 'wchar_t' }, b(0xbb, 0x03, 0, 0))).toBe("955 L'λ'");
    expect(valueText({ scalar: 'unsigned', type: 'const char16_t' }, b(0x0a, 0))).toBe("10 u'\\n'");
    expect(valueText({ scalar: 'unsigned', type: 'char32_t' }, b(0x27, 0, 0, 0))).toBe("39 U'\\''");
    // A negative wchar_t is no character: its unsigned value in octal, as gdb writes it.
    expect(valueText({ scalar: 'signed', type: 'wchar_t' }, b(0xff, 0xff, 0xff, 0xff))).toBe("-1 L'\\37777777777'");
    const u16 = (...units: number[]) => new Uint8Array(new Uint16Array(units).buffer);
    const u32 = (...units: number[]) => new Uint8Array(new Uint32Array(units).buffer);
    const array = (element: string, stride: number, count: number): StaticLayout => ({ kind: 'array', count, stride, element, scalar: 'unsigned' });
    expect(valueText({ type: 'wchar_t[4]', layout: array('wchar_t', 4, 4) }, u32(0x61, 0x62, 0, 0))).toBe('L"ab"');
    // A surrogate pair is one character; a lone one is escaped.
    expect(valueText({ type: 'char16_t[4]', layout: array('char16_t', 2, 4) }, u16(0xd83d, 0xde00, 0xd800, 0x41))).toBe('u"😀\\154000A"');
    // Quotes, backslashes and controls escaped; a zero-width space by its universal name; bytes past a NUL kept, as a char array's are.
    expect(valueText({ type: 'char32_t[6]', layout: array('char32_t', 4, 6) }, u32(0x22, 0x5c, 0x200b, 0, 0x9, 0))).toBe('U"\\"\\\\\\u200b\\000\\011"');
    // Past the characters read: `…` when no NUL came in them.
    expect(wideText('L', 4, u32(0x61, 0x62), true)).toBe('L"ab…"');
    expect(wideText('L', 4, u32(0x61, 0), true)).toBe('L"a"');
    // A wchar_t[] in a struct's summary reads as its text too.
    const struct: StaticLayout = { kind: 'struct', fields: [{ name: 'w', offset: 0, size: 8, type: 'wchar_t[2]', layout: array('wchar_t', 4, 2) }] };
    expect(valueText({ type: 's', layout: struct }, u32(0x78, 0))).toBe('{ w: L"x" }');
  });

  it('reads the text a wchar_t * points at, to its NUL', async () => {
    const memory = new Uint8Array(64);
    memory.set(new Uint8Array(new Uint32Array([0x6b, 0x3bb, 0, 0x7a]).buffer), 16);
    const read = async (address: number, length: number) => memory.slice(address, address + length);
    const types = [{ type: 'wchar_t', size: 4, scalar: 'signed' as const }];
    expect(await fullText({ type: 'wchar_t *', scalar: 'pointer', pointee: 0 }, 0, new Uint8Array([16, 0, 0, 0]), types, read)).toBe('0x10 L"kλ"');
    expect(await fullText({ type: 'wchar_t *', scalar: 'pointer', pointee: 0 }, 0, new Uint8Array([0, 0, 0, 0]), types, read)).toBe('0x0');
  });
});
