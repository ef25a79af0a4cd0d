import { describe, expect, it } from 'vitest';
import type { AllocatorInfo, FuncType, ValType } from '../../src-main/shared/dto.ts';
import { callLine, editorHint, insertLine, packedI64Template, resultPointerTemplate, uniqueName } from './templates.ts';

/** A function type: `fn(['i32'], ['i32'])` is `(i32) -> i32`. */
const fn = (params: ValType[], results: ValType[] = []): FuncType => ({ params, results });

const malloc: AllocatorInfo = {
  convention: 'malloc',
  alloc: { name: 'malloc', type: fn(['i32'], ['i32']) },
  free: { name: 'free', type: fn(['i32']) },
};

describe('signatures and call lines', () => {
  it('binds results to fresh names', () => {
    const exp = { name: 'greeting', kind: 'func' as const, type: fn(['i32', 'i32'], ['i64']), index: 3 };
    expect(callLine(exp)).toBe('r = greeting(0, 0)');
    expect(callLine(exp, 'r = malloc(8)\n')).toBe('r2 = greeting(0, 0)');
    expect(callLine({ ...exp, type: fn(['i32']) })).toBe('greeting(0)');
    expect(callLine({ ...exp, name: 'demo:x/y#greet', type: fn(['i32']) })).toBe('"demo:x/y#greet"(0)');
    expect(callLine({ ...exp, type: fn([], ['i32', 'i32']) }, '(r0, r1) = pair()')).toBe('(r02, r12) = greeting()');
    expect(uniqueName('s', 's = read u32 @ 0\ns2 = x()')).toBe('s3');
  });
});

describe('templates', () => {
  it('writes the result-pointer story: alloc 8, call, read pair, read text, free both', () => {
    const t = resultPointerTemplate({ name: 'ReturnString', type: fn(['i32']) }, malloc);
    const steps = t.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(steps).toEqual([
      'ret = alloc(8)', 'ReturnString(ret)', 's = read {ptr: u32, len: u32} @ ret',
      'text = read utf8 @ s.ptr [s.len]', 'free(s.ptr)', 'free(ret)',
    ]);
    expect(t).toContain('malloc / free (malloc)');
  });
  it('writes the packed-i64 story with the byte length of the argument', () => {
    const greeting = { name: 'greeting', type: fn(['i32', 'i32'], ['i64']) };
    const steps = packedI64Template(greeting, null, 'héllo').split('\n').filter((l) => l && !l.startsWith('#'));
    expect(steps[0]).toBe('arg = alloc(6)');
    expect(steps[2]).toBe('packed = greeting(arg, 6)');
    expect(steps).toContain('ptr = packed >> 32');
    expect(steps.at(-1)).toBe('free(arg)');
    expect(packedI64Template(greeting, null)).toContain('No allocator export');
  });
  it('says the export\'s own signature when it is not of the template\'s shape (the row offers every export when none fits)', () => {
    // It said `_initialize(ptr, len) -> i64 returns (ptr << 32) | len …`, a signature the export has not.
    const init = { name: '_initialize', type: fn([]) };
    expect(packedI64Template(init, malloc).split('\n')[0])
      .toBe("# _initialize is () -> (), not of this template's shape (i32, i32) -> i64: change the call to fit it.");
    expect(resultPointerTemplate({ name: 'size', type: fn([], ['i32']) }, malloc).split('\n')[0])
      .toBe("# size is () -> i32, not of this template's shape (i32, …) -> (): change the call to fit it.");
    // Exports of the shape start as before.
    expect(packedI64Template({ name: 'greeting', type: fn(['i32', 'i32'], ['i64']) }, malloc)).toMatch(/^# greeting\(ptr, len\) -> i64 returns/);
    expect(resultPointerTemplate({ name: 'get', type: fn(['i32', 'i32']) }, malloc)).toMatch(/^# get\(retptr\) writes/);
  });
  it('inserts a line after a given line', () => {
    expect(insertLine('a\nb\n', 'x', 1)).toBe('a\nx\nb\n');
    expect(insertLine('a\nb', 'x', 99)).toBe('a\nb\nx\n');
    expect(insertLine('', 'x', 0)).toBe('x\n');
  });
});

describe('editor hint', () => {
  it('names the module\'s own exports', () => {
    const hint = editorHint([
      { name: 'memory', kind: 'memory', type: { min: 1, max: null, shared: false, memory64: false }, index: 0 },
      { name: '_initialize', kind: 'func', type: fn([]), index: 0 },
      { name: 'sum', kind: 'func', type: fn(['i32', 'i32'], ['i32']), index: 1 },
      { name: 'greet', kind: 'func', type: fn(['i32']), index: 2 },
    ]);
    expect(hint).toContain('r = sum(0, 0)');
    expect(hint).toContain('greet(0)');
    expect(hint).not.toMatch(/ReturnString|malloc|_initialize/);
    expect(editorHint([])).toMatch(/exports no function/);
  });
  it('offers no line for a function a sequence cannot call (a v128, a reference)', () => {
    const hint = editorHint([
      { name: 'v128f', kind: 'func', type: fn(['v128'], ['i32']), index: 0 },
      { name: 'ref', kind: 'func', type: fn(['externref']), index: 1 },
      { name: 'splat', kind: 'func', type: fn(['i32'], ['v128']), index: 2 },
      { name: 'sum', kind: 'func', type: fn(['i32', 'i32'], ['i32']), index: 3 },
    ]);
    expect(hint).toBe('# one step per line, e.g.\nr = sum(0, 0)\n');
    expect(editorHint([{ name: 'v128f', kind: 'func', type: fn(['v128'], ['i32']), index: 0 }]))
      .toBe('# one step per line; no function this module exports can be called from a sequence (each takes a v128 or a reference, or returns a v128)');
  });
});
