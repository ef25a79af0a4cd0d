// Go's syscall/js refs as js.go encodes them, on the value table the Go imports use.
import { describe, expect, it } from 'vitest';
import { describeRef, GoJsValues } from './gojs-values.ts';

const GLOBAL = { name: 'global' };
const GO = { name: 'go' };

describe('Go syscall/js refs', () => {
  it('encodes numbers as themselves and everything else as a NaN box naming its id and type', () => {
    const values = new GoJsValues(GLOBAL, GO);
    expect(values.store(undefined)).toBe(0n);
    expect(values.store(2.5)).toBe(0x4004000000000000n);
    expect(values.store(0)).toBe(0x7ff8000000000001n);
    expect(values.store(Number.NaN)).toBe(0x7ff8000000000000n);
    expect(values.store(null)).toBe(0x7ff8000000000002n);
    expect(values.store(true)).toBe(0x7ff8000000000003n);
    expect(values.store(false)).toBe(0x7ff8000000000004n);
    expect(values.store(GLOBAL)).toBe(0x7ff8000100000005n);
    expect(values.store(GO)).toBe(0x7ff8000100000006n);
    expect(values.store('hi')).toBe(0x7ff8000200000007n);
    expect(values.store(() => 1)).toBe(0x7ff8000400000008n);
  });

  it('loads what it stored, and refuses a ref that names no live value', () => {
    const values = new GoJsValues(GLOBAL, GO);
    for (const v of [undefined, -3, 0, null, true, false, 'text', GLOBAL, GO, { a: 1 }]) expect(values.load(values.store(v))).toBe(v);
    expect(Number.isNaN(values.load(values.store(Number.NaN)))).toBe(true);
    expect(() => values.load(0x7ff8000100000063n)).toThrow(/ref object#99, which names no live value/);
  });

  it('frees an id when Go has finalized every ref it was given, and reuses it', () => {
    const values = new GoJsValues(GLOBAL, GO);
    const obj = {};
    const ref = values.store(obj);
    expect(values.store(obj)).toBe(ref);
    values.finalize(ref);
    expect(values.load(ref)).toBe(obj);
    values.finalize(ref);
    expect(values.live).toBe(0);
    expect(() => values.load(ref)).toThrow(/names no live value/);
    expect(values.store('next')).toBe(0x7ff8000200000007n);
    values.finalize(0x7ff8000100000005n);
    expect(values.load(0x7ff8000100000005n)).toBe(GLOBAL);
  });

  it('reads refs in the call log from their bits alone', () => {
    expect([0n, 0x4004000000000000n, 0x7ff8000000000001n, 0x7ff8000100000005n, 0x7ff8000100000006n, 0x7ff800020000000cn, 0x7ff8000400000009n]
      .map(describeRef)).toEqual(['undefined', '2.5', '0', 'globalThis', 'go', 'string#12', 'function#9']);
  });
});
