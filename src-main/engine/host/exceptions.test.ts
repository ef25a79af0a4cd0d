// Wasm exceptions (C++ built with -fwasm-exceptions) on a real session (testdata/throws.wat):
// a module that imports a tag gets one from the host and runs; an exception that escapes to the
// host fails its step saying what was thrown, with its values when the host holds the tag, not
// "[object WebAssembly.Exception]"; one the guest catches is an ordinary call. Then real C++ from
// Emscripten (testdata/emscripten-runtime): wasm exceptions caught and uncaught; JavaScript
// exceptions with catching off, which end the call at the throw as Emscripten's glue does, and
// on, where the host runs the glue's invoke_* wrappers and exception runtime; and C's longjmp.

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectOutput, openSessionsDisposedAfterEach, text } from './test-helpers.ts';
import { formatHeapSummary } from '../../shared/heap-format.ts';
import { explainStep } from '../../shared/explain.ts';
import { hexAddress } from '../../shared/hex.ts';

const open = openSessionsDisposedAfterEach();
const THROWS = resolve(import.meta.dirname, '../../testdata/throws.wasm');
const EMSCRIPTEN = resolve(import.meta.dirname, 'testdata/emscripten-runtime');
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
      'uncaught exception: the guest threw an exception nothing in the guest caught (its tag is the module\'s own, so the host cannot read its values; in C++: a throw with no matching catch; in C: a longjmp with no setjmp waiting for it)');
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

  it('JavaScript exceptions with catching off (the default): the throw fails the call, naming the type and the flag that catches', async () => {
    const session = await open(resolve(EMSCRIPTEN, 'throw-js.wasm'), { sequence: CALLS });
    const records = await session.run();
    expect(records.map((r) => r.ok)).toEqual([true, true, true, true, false]);
    const thrown = records[4]!;
    expect(thrown.error?.message).toMatch(new RegExp(
      '^uncaught exception: the guest threw a C\\+\\+ std::invalid_argument \\(object at 0x[0-9a-f]+\\) and nothing in the guest caught it; '
      + "this build cannot catch: Emscripten's exception catching is off unless built with -fexceptions \\(or -fwasm-exceptions\\); thrown in parse_digit$"));
    expect(thrown.error?.stack?.[0]?.name).toBe('parse_digit');
    expect(thrown.calls[0]!.imports.map((i) => i.name)).toEqual(['__cxa_allocate_exception', '__cxa_throw']);
  });

  it('the exception object an uncaught throw leaves allocated is named as what it is, in the step, the heap and Explain', async () => {
    const session = await open(resolve(EMSCRIPTEN, 'throw-js.wasm'), { sequence: CALLS });
    const thrown = (await session.run())[4]!;
    const object = Number(/object at (0x[0-9a-f]+)/.exec(thrown.error!.message)![1]);
    // __cxa_allocate_exception's block: the 16-byte header, then the object.
    const left = { address: object - 16, owner: 'guest', by: 'safe_parse', holds: 'a thrown C++ std::invalid_argument nothing caught' };
    expect(thrown.heap?.allocated).toContainEqual(expect.objectContaining(left));
    const heap = await session.heap({ references: true });
    expect(heap.ok && heap.value.leaks).toContainEqual(expect.objectContaining(left));
    expect(heap.ok && formatHeapSummary(heap.value)).toContainEqual(expect.stringMatching(
      new RegExp(`^ +\\d+ B at ${hexAddress(object - 16)}  line 5, safe_parse \\(a thrown C\\+\\+ std::invalid_argument nothing caught\\)  \\(nothing in guest memory points to it\\)$`)));
    // Its message (libc++ keeps it in a block of its own, pointed to past a 12-byte count) is said to be the object's.
    expect(heap.ok && formatHeapSummary(heap.value)).toContainEqual(expect.stringMatching(
      new RegExp(`^ +\\d+ B at 0x[0-9a-f]+  line 5, safe_parse  \\(pointed into only \\(at \\+12\\) from 0x[0-9a-f]+, in the leaked \\d+ B block at ${hexAddress(object - 16)}\\)$`)));
    expect(explainStep(thrown, session.regions)).toContainEqual(expect.stringMatching(
      new RegExp(`^The \\d+ bytes at ${hexAddress(object - 16)} hold a thrown C\\+\\+ std::invalid_argument nothing caught: only a catch frees an exception object, so nothing will free them \\(a leak\\)\\.$`)));
  });
});

describe('Emscripten JavaScript exceptions with catching on (-fexceptions: env.invoke_*)', () => {
  const CATCH = resolve(EMSCRIPTEN, 'catch-js.wasm');

  it('runs every catch as the module wrote it, and frees each exception object at the end of its catch block', async () => {
    const session = await open(CATCH, { sequence: 'b = by_base(-1)\na = catch_all(5)\nr = rethrown(12)\nn = cleanups_run()\ns = stored(1)\nexpect no leaks\n' });
    const records = await session.run();
    expect(records.map((r) => r.error?.message ?? 'ok')).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
    // what() of std::out_of_range("negative"), caught as its base std::logic_error: -8.
    expect(records[0]!.bound.b).toEqual({ kind: 'int', value: String(2 ** 32 - 8), bits: 32 });
    expect(records[1]!.bound.a).toMatchObject({ value: '1' });
    expect(records[2]!.bound.r).toMatchObject({ value: '12' });
    // The Guard in the frame the exception left ran its destructor once.
    expect(records[3]!.bound.n).toMatchObject({ value: '1' });
    expect(records[4]!.bound.s).toMatchObject({ value: '2' });
  });

  it('logs each invoke_* before the calls it led to, and says what each step of the catch did', async () => {
    const session = await open(CATCH, { sequence: 'b = by_base(-1)\n' });
    const [step] = await session.run();
    const lines = step!.calls[0]!.imports.map((i) => i.summary);
    const invoke = lines.findIndex((l) => l.startsWith('invoke_viii(table['));
    expect(lines[invoke]).toMatch(/^invoke_viii\(table\[\d+\] = __cxa_throw, \d+, \d+, \d+\) → caught the C\+\+ exception: the guest's landing pad runs next$/);
    expect(lines[invoke + 1]).toMatch(/^__cxa_throw\(0x[0-9a-f]+, std::out_of_range, destructor=\d+\) → unwinds to the nearest invoke_\*$/);
    expect(lines).toContainEqual(expect.stringMatching(/^__cxa_find_matching_catch_3\(std::logic_error\) → std::logic_error catches the std::out_of_range \(CatchInfo at 0x[0-9a-f]+\)$/));
    expect(lines.at(-1)).toMatch(/^__cxa_end_catch\(\) → the std::out_of_range at 0x[0-9a-f]+ is destroyed and freed$/);
  });

  it('an exception no clause catches runs the cleanups, then fails the call naming its type', async () => {
    const session = await open(CATCH, { sequence: 'e = escapes(12)\n' });
    const [escaped] = await session.run();
    expect(escaped!.ok).toBe(false);
    expect(escaped!.error?.message).toMatch(/^uncaught exception: the guest threw a C\+\+ ParseFail \(object at 0x[0-9a-f]+\) and nothing in the guest caught it; thrown in escapes$/);
    expect(escaped!.heap?.allocated).toContainEqual(expect.objectContaining({ by: 'escapes', holds: 'a thrown C++ ParseFail nothing caught' }));
    expect(escaped!.calls[0]!.imports.map((i) => i.summary)).toContainEqual(expect.stringMatching(/^__cxa_find_matching_catch_2\(\) → no clause here catches the ParseFail: cleanups run, then it unwinds on/));
    // The Guard's destructor ran in the cleanup pad before the exception went on.
    const after = await session.call('cleanups_run', []);
    expect(after.ok && after.value.results).toEqual([{ type: 'i32', bits: 1 }]);
  });
});

describe('Emscripten setjmp/longjmp (JavaScript longjmp through env.invoke_*)', () => {
  it('a longjmp returns to its setjmp; one with no setjmp waiting fails the call', async () => {
    const session = await open(resolve(EMSCRIPTEN, 'jump-js.wasm'), { sequence: 'ok = try_parse(3)\nback = try_parse(-7)\njump_unset()\n' });
    const chunks = collectOutput(session);
    const [ok, back, unset] = await session.run();
    expect(ok!.bound.ok).toMatchObject({ value: '6' });
    expect(back!.ok).toBe(true);
    expect(back!.bound.back).toMatchObject({ value: String(2 ** 32 - 7) });
    expect(text(chunks, 'stdout')).toBe('jumped back with 7\n');
    expect(back!.calls[0]!.imports.map((i) => i.summary)).toContainEqual(expect.stringMatching(/^invoke_vii\(table\[\d+\] = emscripten_longjmp, \d+, 7\) → caught the longjmp: its setjmp returns again next$/));
    expect(unset!.ok).toBe(false);
    expect(unset!.error?.message).toMatch(/^longjmp with no setjmp: the guest called longjmp and no setjmp in this call is waiting for it/);
  });

  it('-sSUPPORT_LONGJMP=wasm: the longjmp is a wasm throw the module catches itself', async () => {
    const session = await open(resolve(EMSCRIPTEN, 'jump-wasm.wasm'), { sequence: 'back = try_parse(-7)\njump_unset()\n' });
    const chunks = collectOutput(session);
    const [back, unset] = await session.run();
    expect(back!.bound.back).toMatchObject({ value: String(2 ** 32 - 7) });
    expect(back!.calls[0]!.imports.map((i) => i.name)).not.toContain('invoke_vii');
    expect(text(chunks, 'stdout')).toBe('jumped back with 7\n');
    expect(unset!.error?.message).toMatch(/in C: a longjmp with no setjmp waiting for it\)$/);
  });
});
