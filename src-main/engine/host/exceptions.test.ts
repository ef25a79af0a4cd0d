// Wasm exceptions (C++ built with -fwasm-exceptions) on a real session (testdata/throws.wat):
// a module that imports a tag gets one from the host and runs; an exception that escapes to the
// host fails its step saying what was thrown, with its values when the host holds the tag, not
// "[object WebAssembly.Exception]"; one the guest catches is an ordinary call.

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSessionsDisposedAfterEach } from './test-helpers.ts';

const open = openSessionsDisposedAfterEach();
const THROWS = resolve(import.meta.dirname, '../../testdata/throws.wasm');

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
