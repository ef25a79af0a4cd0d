// Modules whose runtime expects a JavaScript host (Go js/wasm, Emscripten's JS glue), on real
// modules from Go 1.19 and Emscripten 3.1.6: hosted where Memscope can, refused with the list
// where it cannot, and never a dead guest reported as success.

import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Session } from './session.ts';
import { collectOutput, EXAMPLES, example, openSessionsDisposedAfterEach, TESTDATA, text } from './test-helpers.ts';

const open = openSessionsDisposedAfterEach();

/** wasm_exec.js's argv: "go\0" at 4096, argv[0] at 4112 (8-byte slots), then the end markers. */
const GO_RUN = 'write utf8 "go\\0" @ 4096\nwrite u64 4096 @ 4112\nrun(1, 4112)\n';

describe('Go js/wasm (Go 1.19)', () => {
  it('hosts syscall/js: fmt, os, time and crypto/rand reach a sandboxed JavaScript world, timers resume Go until main returns', async () => {
    const session = await open(example('go-fmt'), { sequence: GO_RUN, config: { deterministic: true, stdin: new TextEncoder().encode('ann\n') } });
    const chunks = collectOutput(session);
    const records = await session.run();
    expect(text(chunks, 'stdout')).toBe([
      'hello, ann from fmt',
      'read: open /etc/passwd: not implemented on js',
      'cwd:  stat .: not implemented on js',
      'zone: UTC+0 0',
      'random: 16 <nil>',
      // Goroutines sleeping 30, 10 and 20 ms: run() returned to the host while they slept, and
      // its timers resumed Go in the order they were due (in virtual time: deterministic).
      'worker 1 slept 10 ms',
      'worker 2 slept 20 ms',
      'worker 0 slept 30 ms',
      'all slept: true',
      '',
    ].join('\n'));
    expect(text(chunks, 'stderr')).toBe('to stderr\n');
    expect(session.exitCode).toBe(0);
    expect(records.every((r) => r.ok)).toBe(true);
    const lines = records.at(-1)!.calls[0]!.imports.map((i) => i.summary);
    expect(lines).toContain('valueGet(globalThis, "fs") → fs');
    // One fmt.Println: its bytes leave linear memory into a Uint8Array, fs.write takes them and
    // calls Go back (resume) before it returns; Go reads the callback's arguments.
    const write = lines.indexOf('valueNew(Uint8Array, 1 args) → Uint8Array(20)#18');
    expect(lines.slice(write, write + 11)).toEqual([
      'valueNew(Uint8Array, 1 args) → Uint8Array(20)#18',
      expect.stringMatching(/^copyBytesToJS\(Uint8Array\(20\)#18, 20 bytes at 0x[0-9a-f]+\) → 20 copied$/),
      'valueCall(go, "_makeFuncWrapper", 1 args) → Go func 2',
      'valueCall(fs, "write", 6 args) → undefined',
      'valueGet(go, "_pendingEvent") → event#20',
      'valueSet(go, "_pendingEvent", null)',
      'valueGet(event#20, "id") → 2',
      'valueGet(event#20, "this") → undefined',
      'valueGet(event#20, "args") → args#21',
      'valueLength(args#21) → 2',
      'valueIndex(args#21, 0) → null',
    ]);
    // Go's calls made inside fs.write (its callback, run through resume()) are a step in.
    const imports = records.at(-1)!.calls[0]!.imports;
    expect(imports.slice(write + 3, write + 6).map((i) => i.within)).toEqual([undefined, 1, 1]);
    // os.Stdin: fs.read of fd 0 answered from the session's stdin, 4 bytes into Go's 4 KiB buffer.
    expect(lines).toContain('valueCall(fs, "read", 6 args) → undefined');
    expect(lines).toContain('valueIndex(args#17, 1) → 4');
  });

  it('a program that waits forever fails its step; it does not pass', async () => {
    const session = await open(resolve(TESTDATA, 'go-deadlock/go-deadlock.wasm'), { sequence: GO_RUN });
    const chunks = collectOutput(session);
    const records = await session.run();
    expect(text(chunks, 'stderr')).toBe('waiting for a value that never comes\n');
    const last = records.at(-1)!;
    expect(last.ok).toBe(false);
    expect(last.error?.message).toMatch(/run\(\) returned without runtime\.wasmExit/);
  });

  it("a library's js.FuncOf functions are called as steps, with JavaScript values: numbers and text cross, results bind", async () => {
    const sequence = `${GO_RUN}s = add(2, 40)\nexpect s == 42\ng = greet("ann")\nexpect g == "hello, ann"\n`;
    const session = await open(resolve(TESTDATA, 'go-lib/go-lib.wasm'), { sequence, config: { deterministic: true } });
    const records = await session.run();
    // run() returned with main waiting in select {}: a library's ready state, not a failure.
    expect(records.map((r) => [r.source, r.ok, r.error?.message])).toEqual(records.map((r) => [r.source, true, undefined]));
    // The run step says which functions main set; the calls change none, so they say nothing.
    expect(records[2]!.goFunctions).toEqual(['add', 'greet']);
    expect(records.slice(3).map((r) => r.goFunctions)).toEqual([undefined, undefined, undefined, undefined]);
    const [add, , greet] = records.slice(3);
    expect(add!.bound).toEqual({ s: { kind: 'int', value: '42' } });
    expect(add!.calls[0]).toMatchObject({ export: 'add', args: [{ type: 'js', text: '2' }, { type: 'js', text: '40' }], results: [{ type: 'js', text: '42' }] });
    expect(greet!.bound).toEqual({ g: { kind: 'js', type: 'string', value: 'hello, ann' } });
    // The text goes into Go's memory (valueLoadString) and the result out of it (stringVal).
    const lines = greet!.calls[0]!.imports.map((i) => i.summary);
    expect(lines).toContain('valueIndex(args#14, 0) → "ann"');
    expect(lines).toContain('stringVal("hello, ann") → "hello, ann"');
    expect(lines).toContain('valueSet(event#13, "result", "hello, ann")');
    expect(greet!.changedBytes).toBeGreaterThan(0);
  });

  it('a Go function called before run() set it, or by a name it did not set, fails saying which it set', async () => {
    const early = await open(resolve(TESTDATA, 'go-lib/go-lib.wasm'), { sequence: 'add(1, 2)\n' });
    expect((await early.run())[0]!.error?.message).toBe(
      "the module exports no function 'add', and its Go code has set no function with js.FuncOf yet (Go sets them when run() runs main)");
    const late = await open(resolve(TESTDATA, 'go-lib/go-lib.wasm'), { sequence: `${GO_RUN}sub(1, 2)\n` });
    expect((await late.run()).at(-1)!.error?.message).toBe(
      "the module exports no function 'sub' and its Go code set no function by that name with js.FuncOf (it set add, greet)");
  });

  it('arguments a Go function cannot take, a second result, and a panic inside it fail the step', async () => {
    const lib = resolve(TESTDATA, 'go-lib/go-lib.wasm');
    const last = async (step: string) => (await (await open(lib, { sequence: `${GO_RUN}${step}\n` })).run()).at(-1)!;
    expect((await last('add(1 << 60, 1)')).error?.message).toBe(
      "argument 1 of add must be a number, text or bytes for a Go function, not 1152921504606846976, beyond a JavaScript number's exact integers");
    expect((await last('(a, b) = add(1, 2)')).error?.message).toBe("add is a Go function and returns one value; nothing to bind to 'b'");
    const panicked = await last('add(1)');
    expect(panicked.ok).toBe(false);
    expect(panicked.error?.message).toMatch(/^the guest called proc_exit\(2\): Go panicked at .*main\.go:10: runtime error: index out of range \[1\] with length 1$/);
  });

  it('hosts the runtime: nanotime is never zero, and the exit code is the program\'s', async () => {
    const session = await open(example('go-hello'), { sequence: GO_RUN, config: { deterministic: true } });
    const chunks = collectOutput(session);
    const records = await session.run();
    expect(records.every((r) => r.ok)).toBe(true);
    expect(text(chunks, 'stderr')).toBe('hello from Go 6765\n');
    expect(session.exitCode).toBe(0);
    const nanos = records.at(-1)!.calls[0]!.imports.filter((i) => i.name === 'runtime.nanotime1');
    expect(nanos.length).toBeGreaterThan(0);
    expect(nanos[0]!.summary).toBe('nanotime1() → 1000000 ns');
  });
});

describe('Emscripten with JS glue (3.1.6)', () => {
  it('a stubbed import whose name says the program ends stops the guest with its name', async () => {
    const session = await open(resolve(EXAMPLES, 'emscripten-i64/emscripten-i64.wasm'), { sequence: 'give_up()\n' });
    const [record] = await session.run();
    expect(record?.ok).toBe(false);
    expect(record?.error?.message).toContain('the guest called env.abort()');
    expect(record?.error?.message).toContain('only stubbed');
    expect(record?.calls[0]?.imports.map((i) => [i.name, i.binding])).toEqual([['abort', 'stub']]);
  });

  it('joins a legalised i64 result with the high half from setTempRet0', async () => {
    const session = await open(resolve(EXAMPLES, 'emscripten-i64/emscripten-i64.wasm'), {
      sequence: 'p = alloc(2)\nwrite utf8 "go" @ p\npacked = greeting(p, 2)\nptr = packed >> 32\nt = read utf8 @ ptr [packed & 0xffffffff]\n',
    });
    const records = await session.run();
    expect(records.every((r) => r.ok)).toBe(true);
    expect(session.bindings.t).toMatchObject({ kind: 'text', value: 'hello, go' });
    expect(session.info.exports.find((e) => e.name === 'greeting')?.legalizedResult).toBe('i64');
  });
});

describe("Emscripten's JS-glue runtime imports (Emscripten 3.1.6)", () => {
  it('a memcpy of 512 bytes or more is done by the host through env.emscripten_memcpy_big, not dropped', async () => {
    const data = Array.from({ length: 1000 }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');
    const sequence = `s = malloc(1000)\nd = malloc(1000)\nwrite utf8 "${data}" @ s\ncopy(d, s, 1000)\nt = read utf8 @ d [1000]\n`;
    const session = await open(resolve(TESTDATA, 'emscripten-copy/emscripten-copy.wasm'), { sequence });
    const records = await session.run();
    expect(records.map((r) => r.ok)).toEqual([true, true, true, true, true]);
    const call = records[3]!.calls[0]!.imports.find((i) => i.name === 'emscripten_memcpy_big');
    expect(call?.binding).toBe('builtin');
    expect(records[4]!.bound.t).toMatchObject({ kind: 'text', encoding: 'utf8', byteLength: 1000, value: data });
  });

  it('a standalone build that grows its own memory says so through env.emscripten_notify_memory_growth, a builtin, not a stub', async () => {
    const session = await open(resolve(TESTDATA, 'emscripten-grow/grow-standalone.wasm'), { sequence: 'p = fill_block(20971520, 90)\nlast = read u8 @ p + 20971519\n' });
    const [filled, last] = await session.run();
    expect(last!.bound.last).toMatchObject({ value: '90' });
    const notice = filled!.calls[0]!.imports.find((i) => i.name === 'emscripten_notify_memory_growth');
    expect(notice?.binding).toBe('builtin');
    expect(notice?.summary).toMatch(/^emscripten_notify_memory_growth\(0\): the module grew its memory to [\d.]+ MiB; nothing for the host to do$/);
  });

  it('-O3 minified its import names: inspect warns, and the first call that reaches one fails saying why, never runs on with zeros', async () => {
    const session = await open(resolve(TESTDATA, 'emscripten-runtime/jump-min-js.wasm'), { sequence: 'r = k(-3)\n' });
    expect(session.info.warnings).toContainEqual(expect.stringMatching(/^Emscripten minified this module's import names \(a\.a, a\.b, …, at -O3 and -Os\)/));
    const [record] = await session.run();
    expect(record!.ok).toBe(false);
    expect(record!.error?.message).toMatch(/^trap: the guest called a\.a\(4\), an import Memscope cannot host: Emscripten minified .*build with -O2 or lower, whose names stay readable in saveSetjmp$/);
  });

  it('a system call into its JavaScript file system fails with ENOSYS: fopen returns NULL, and stdin is neither read nor closed', async () => {
    const session = await open(resolve(TESTDATA, 'emscripten-runtime/files-js.wasm'), { sequence: 'r = try_open()\n' });
    const chunks = collectOutput(session);
    const [record] = await session.run();
    expect(record!.bound.r).toMatchObject({ value: String(2 ** 32 - 52) });
    expect(text(chunks, 'stdout')).toBe('fopen failed: Function not implemented\n');
    const imports = record!.calls[0]!.imports;
    expect(imports.map((i) => i.name)).toEqual(['__syscall_open', 'fd_write']);
    expect(imports[0]!.summary).toMatch(/^__syscall_open\(.*\) → -52 \(ENOSYS\): Emscripten's JavaScript file system is not hosted; files are, through WASI/);
  });
});
