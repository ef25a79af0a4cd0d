// Wasm exceptions (C++ built with -fwasm-exceptions) on a real session (testdata/throws.wat):
// a module that imports a tag gets one from the host and runs; an exception that escapes to the
// host fails its step saying what was thrown, with its values when the host holds the tag, not
// "[object WebAssembly.Exception]"; one the guest catches is an ordinary call. Then real C++ from
// Emscripten both ways (testdata/emscripten-throw): wasm exceptions caught and uncaught, and
// JavaScript exceptions, which end the call at the throw as Emscripten's glue does.

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSessionsDisposedAfterEach } from './test-helpers.ts';

const open = openSessionsDisposedAfterEach();
const THROWS = resolve(import.meta.dirname, '../../testdata/throws.wasm');
const EMSCRIPTEN = resolve(import.meta.dirname, 'testdata/emscripten-throw');
const CALLS = 'a = alloc(2)\nwrite utf8 "7\\0" @ a\nok = parse_digit(a)\nwrite utf8 "x\\0" @ a\nr = safe_parse(a)\nbad = parse_digit(a)\n';

async function failure(call: string): Promise<string | undefined> {
  const session = await open(THROWS, { sequence: `r = catch_own(5)\n${call}\n` });
  const [caught, thrown] = await session.run();
  expect(caught!.ok).toBe(true);
  expect(caught!.bound.r).toMatchObject({ value: '105' });
  expect(thrown!.ok).toBe(false);
  expect(thrown!.error?.code).toBe('trap');
  return thrown!.error?.message;
}

describe('an exception the guest throws to the host', () => {
  it('through a tag it imports: the host made the tag, so the value is read', async () => {
    expect(await failure('throw_imported(7)')).toBe(
      'uncaught exception: the guest threw env.__cpp_exception(7) and nothing in the guest caught it (in C++: a throw with no matching catch)');
  });

  it('through a tag it exports: read through the export, larger numbers in hex', async () => {
    expect(await failure('throw_exported(70000)')).toBe(
      'uncaught exception: the guest threw oops(0x11170, 99) and nothing in the guest caught it (in C++: a throw with no matching catch)');
  });

  it('through a tag of its own: said, with why its values cannot be read', async () => {
    expect(await failure('throw_own(3)')).toBe(
      'uncaught exception: the guest threw an exception nothing in the guest caught (its tag is the module\'s own, so the host cannot read its values; in C++: a throw with no matching catch)');
  });
});

describe('C++ exceptions from Emscripten', () => {
  it('-fwasm-exceptions: a throw caught inside the module is a plain call; one nothing catches fails its step', async () => {
    const session = await open(resolve(EMSCRIPTEN, 'throw-wasm.wasm'), { sequence: CALLS });
    const records = await session.run();
    expect(records.map((r) => r.ok)).toEqual([true, true, true, true, true, false]);
    expect(records[2]!.bound.ok).toMatchObject({ value: '7' });
    expect(records[4]!.calls[0]!.results).toHaveLength(1);
    expect(records[4]!.bound.r).toMatchObject({ value: '4294967295' });
    expect(records[5]!.error?.message).toMatch(/^uncaught exception: the guest threw an exception nothing in the guest caught/);
  });

  it('JavaScript exceptions: the throw ends the call at env.__cxa_allocate_exception, before the guest writes through a NULL', async () => {
    const session = await open(resolve(EMSCRIPTEN, 'throw-js.wasm'), { sequence: CALLS });
    const records = await session.run();
    expect(records.map((r) => r.ok)).toEqual([true, true, true, true, false]);
    const thrown = records[4]!;
    expect(thrown.error?.message).toMatch(/^trap: abort: a C\+\+ throw \(env.__cxa_allocate_exception\): Emscripten's JS exception runtime aborts here too unless catching is on; build with -fwasm-exceptions/);
    expect(thrown.calls[0]!.imports.map((i) => i.name)).toEqual(['__cxa_allocate_exception']);
    expect(thrown.changedBytes).toBe(0);
  });
});
