// The step ring's binary form of plain data: every value comes back equal (NaN, -0, ±Infinity,
// bigint, null, undefined items, unknown keys, non-ASCII and long strings, large integers and
// range lists), key order is kept, and what has no form is refused, not mangled.

import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { NotPlainData, WireReader, WireWriter } from './wire-codec.ts';

function roundTrip(value: unknown, writer = new WireWriter(16)): unknown {
  writer.at = 0;
  writer.value(value);
  const reader = new WireReader(Buffer.from(writer.bytes.slice(0, writer.at)));
  const out = reader.value();
  expect(reader.at).toBe(writer.at);
  return out;
}

describe('wire codec', () => {
  it('keeps every number exactly, including what JSON loses', () => {
    const numbers = [0, -0, 1, 239, 240, 255, 256, 16383, 16384, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 53 - 1, -(2 ** 53 - 1),
      2 ** 53, -1, -240, -(2 ** 32), 0.5, 0.1 + 0.2, 1e-300, -1e300, Number.MIN_VALUE, Number.NaN, Infinity, -Infinity, 1.0589829999997964];
    for (const n of numbers) expect(Object.is(roundTrip(n), n), String(n)).toBe(true);
    expect(Object.is((roundTrip({ v: -0 }) as { v: number }).v, -0)).toBe(true);
    expect(Object.is((roundTrip([Number.NaN]) as number[])[0], Number.NaN)).toBe(true);
  });

  it('keeps bigints, null, booleans and undefined array items', () => {
    const values = [0n, 1n, -1n, 2n ** 64n - 1n, -(2n ** 63n), 10n ** 40n, null, true, false, undefined];
    for (const v of values) expect(roundTrip(v)).toBe(v);
    const items = roundTrip([1, undefined, null, 'x']) as unknown[];
    expect(items).toHaveLength(4);
    expect(1 in items && items[1] === undefined).toBe(true);
    expect(items[2]).toBeNull();
  });

  it('keeps strings: empty, ASCII, non-ASCII, long, and dictionary words', () => {
    const long = 'x'.repeat(70_000);
    const strings = ['', 'a', 'int', 'index', 'hello from C', 'ünïcode → ✓', '😀 astral', 'a'.repeat(48), 'a'.repeat(49), `${'é'.repeat(40)}z`, long, '\u0000nul', '\u007f'];
    for (const s of strings) expect(roundTrip(s)).toBe(s);
  });

  it('keeps nested objects with their key order, unknown keys included; drops undefined properties like JSON', () => {
    const value = { zeta: 1, index: 2, 'ключ': { deep: [{ kind: 'int', value: '12' }, { 'a key with spaces': 'v' }] }, alpha: null, gone: undefined };
    const out = roundTrip(value) as Record<string, unknown>;
    expect(out).toStrictEqual({ zeta: 1, index: 2, 'ключ': { deep: [{ kind: 'int', value: '12' }, { 'a key with spaces': 'v' }] }, alpha: null });
    expect(Object.keys(out)).toEqual(['zeta', 'index', 'ключ', 'alpha']);
    expect(roundTrip({})).toStrictEqual({});
    expect(roundTrip([])).toStrictEqual([]);
  });

  it('keeps unknown keys at every length around the one-byte key header, ASCII or not', () => {
    // Keys up to 36 ASCII characters take the short path (one header byte), longer or
    // non-ASCII ones the UTF-8 path; the reader must see the same bytes from both.
    const keys = ['', 'n', 'ret', 'x'.repeat(35), 'x'.repeat(36), 'x'.repeat(37), 'x'.repeat(200), 'é', `${'x'.repeat(30)}é`, '😀', '\u007f', '\u0080'];
    const value = Object.fromEntries(keys.map((key, i) => [key, i]));
    const out = roundTrip(value) as Record<string, unknown>;
    expect(out).toStrictEqual(value);
    expect(Object.keys(out)).toEqual(Object.keys(value));
  });

  it('keeps large range lists, and pair-like arrays that are not ranges', () => {
    const changes = Array.from({ length: 5000 }, (_, i): [number, number] => [i * 8 + 2 ** 31, i * 8 + 2 ** 31 + 3]);
    changes.push([2 ** 32 - 2, 2 ** 32 - 1]);
    expect(roundTrip(changes)).toStrictEqual(changes);
    const notRanges = [[[1, 2], [3, -4]], [[1, 2], [0.5, 1]], [[1, 2], [3]], [[1, 2], 'x'], [[1, 2], [2 ** 32, 1]], [['a', 'b']], [[1, 2], [-0, 1]]];
    for (const v of notRanges) expect(roundTrip(v)).toStrictEqual(v);
    const negativeZero = roundTrip([[1, 2], [-0, 1]]) as number[][];
    expect(Object.is(negativeZero[1]![0], -0)).toBe(true);
  });

  it('keeps a Uint8Array as a copy', () => {
    const bytes = Uint8Array.from([0, 1, 254, 255]);
    const out = roundTrip({ b: bytes }) as { b: Uint8Array };
    expect(out.b).toBeInstanceOf(Uint8Array);
    expect([...out.b]).toEqual([0, 1, 254, 255]);
  });

  it('grows its buffer and is reusable from the start', () => {
    const writer = new WireWriter(1);
    const big = { text: 'y'.repeat(100_000), list: Array.from({ length: 10_000 }, (_, i) => i * 1.5) };
    expect(roundTrip(big, writer)).toStrictEqual(big);
    expect(roundTrip({ small: 1 }, writer)).toStrictEqual({ small: 1 });
  });

  it('refuses what is not plain data instead of writing something else', () => {
    class Point {
      x = 1;
    }
    const refused = [new Map([[1, 2]]), new Set([1]), new Date(0), new Point(), () => 1, Symbol('s'), { nested: [new Map()] }, new Uint16Array(2)];
    for (const v of refused) expect(() => new WireWriter().value(v)).toThrow(NotPlainData);
  });

  it('names an unknown tag and where it is', () => {
    expect(() => new WireReader(Buffer.from([14])).value()).toThrow(/unknown value tag 14 at byte 0/);
  });
  it('writes a shared string, as a value or a key, as its index, and reads the reader\'s own copy', () => {
    const shared = ['ReturnString', 'ret', 'é'.repeat(3)];
    const writer = new WireWriter(16, new Map(shared.map((text, id) => [text, id])));
    // Keys in order around the shared ones: a word, a shared name, an unknown one.
    const value = { kind: 'x', ret: 'ReturnString', other: 'ReturnString!', 'éé': ['ret', 'é'.repeat(3), 'ok'] };
    writer.value(value);
    const theirs = shared.map((text) => ` ${text}`.slice(1));
    const reader = new WireReader(Buffer.from(writer.bytes.slice(0, writer.at)), theirs);
    const back = reader.value() as typeof value;
    expect(reader.at).toBe(writer.at);
    expect(back).toEqual(value);
    expect(Object.keys(back)).toEqual(Object.keys(value));
    writer.at = 0;
    writer.value('ReturnString');
    expect(writer.at).toBe(2);
    // Without the list, the same strings are written out and read back as before.
    expect(roundTrip(value)).toEqual(value);
  });
});
