// Guest ↔ host through the real worker and real WASI: stdio order, proc_exit, environment
// isolation, stubbed and strict unresolved imports, builtins, and the memory cap.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Session } from './session.ts';
import { collectOutput, example, openSessionsDisposedAfterEach, TESTDATA, text } from './test-helpers.ts';
import { formatValue } from '../../shared/value-format.ts';

const HOST = resolve(TESTDATA, 'host.wasm');
const AS_BINDINGS = { 'env.abort': 'abort', 'env.trace': 'trace' };

const open = openSessionsDisposedAfterEach();

describe('guest and host', () => {
  it('streams stdout and stderr chunks in order, and records each fd_write', async () => {
    const session = await open(HOST);
    const chunks = collectOutput(session);
    const call = await session.call('chatter', []);
    if (!call.ok) throw new Error(call.error.message);
    expect(chunks.map((c) => [c.stream, new TextDecoder().decode(c.bytes)])).toEqual([
      ['stdout', 'out1\n'], ['stderr', 'err1\n'], ['stdout', 'out2\n'],
    ]);
    expect(call.value.imports.map((i) => `${i.name}:${i.binding}`)).toEqual(['fd_write:wasi', 'fd_write:wasi', 'fd_write:wasi']);
    expect(call.value.imports[1]!.summary).toContain('err1');
  });

  it("a memory the module neither exports nor imports: a step's read says the host cannot reach it, not 'memory of 0 bytes'", async () => {
    const session = await open(resolve(TESTDATA, '..', '..', '..', 'testdata', 'hidden-memory.wasm'), { sequence: 'x = f()\ny = read u8 @ 16\n' });
    const records = await session.run();
    expect(records.map((r) => r.ok)).toEqual([true, false]);
    expect(records[0]!.calls[0]!.results).toEqual([{ type: 'i32', bits: 104 }]);
    expect(records[1]!.error?.message).toBe('memory access [0x10, +1): the module\'s memory is neither exported nor imported, so the host cannot reach it: '
      + 'export it (`(export "memory" (memory 0))`, wasm-ld --export-memory) to look inside');
  });

  it('proc_exit ends the call with its code and the instance is done', async () => {
    const session = await open(HOST, { sequence: 'chatter()\nquit(3)\nchatter()\n' });
    const records = await session.run();
    expect(records.map((r) => r.ok)).toEqual([true, false]);
    expect(records[1]!.error?.code).toBe('exit');
    expect(records[1]!.exitCode).toBe(3);
    expect(session.exitCode).toBe(3);
    expect(session.state).toBe('failed');
    expect(await session.step()).toBeNull();
    const read = await session.readMemory(64, 4);
    expect(read.ok && new TextDecoder().decode(read.value.bytes)).toBe('out1');
  });

  it('proc_exit(0) is a clean end', async () => {
    const session = await open(HOST, { sequence: 'quit(0)\nchatter()\n' });
    const records = await session.run();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ ok: true, exitCode: 0 });
    expect(session.state).toBe('done');
  });

  it('never shows the host environment; only configured entries', async () => {
    process.env.MEMSCOPE_TEST_SECRET = 'do-not-leak';
    const bare = await open(HOST);
    const none = await bare.call('env_count', []);
    expect(none.ok && none.value.results.map(formatValue)).toEqual(['0']);
    await bare.dispose();
    const configured = await open(HOST, { config: { env: ['A=1', 'B=2'] } });
    const two = await configured.call('env_count', []);
    expect(two.ok && two.value.results.map(formatValue)).toEqual(['2']);
  });

  it('stubs unresolved imports (recorded, zeros) and marks every binding', async () => {
    const session = await open(HOST);
    const bindings = Object.fromEntries(session.info.imports.map((i) => [`${i.module}.${i.name}`, i.binding]));
    // env.abort + env.trace make the module look like AssemblyScript, so those bind automatically.
    expect(session.info.toolchain.name).toBe('assemblyscript');
    expect(bindings).toMatchObject({ 'wasi_snapshot_preview1.fd_write': 'wasi', 'env.mystery': 'stub', 'env.abort': 'builtin' });
    const call = await session.call('use_mystery', ['41']);
    if (!call.ok) throw new Error(call.error.message);
    expect(call.value.results.map(formatValue)).toEqual(['1']);
    expect(call.value.imports).toHaveLength(1);
    expect(call.value.imports[0]).toMatchObject({ module: 'env', name: 'mystery', binding: 'stub', args: [{ type: 'i32', bits: 41 }], results: [{ type: 'i32', bits: 0 }] });
    expect(call.value.imports[0]!.summary).toContain('unresolved');
  });

  it('strict imports refuse to instantiate, naming the import', async () => {
    const opened = await Session.open({
      moduleBytes: readFileSync(HOST), moduleName: 'host.wasm', config: { strictImports: true, importBindings: AS_BINDINGS },
    });
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.error.code).toBe('link-error');
    expect(opened.error.message).toContain('env.mystery');
  });

  it('abort decodes AssemblyScript strings, writes stderr and traps; trace prints', async () => {
    const session = await open(HOST, { config: { importBindings: AS_BINDINGS } });
    expect(session.info.imports.find((i) => i.name === 'abort')).toMatchObject({ binding: 'builtin', builtin: 'abort' });
    const chunks = collectOutput(session);
    const said = await session.call('say', []);
    expect(said.ok && said.value.imports[0]!.summary).toBe('trace: boom 1.5, 2.5');
    // Import-call values are typed by the import's declared signature: trace's a0..a4 are f64s.
    expect(said.ok && said.value.imports[0]!.args.map((v) => `${v.type} ${formatValue(v)}`).slice(1, 4)).toEqual(['i32 2', 'f64 1.5', 'f64 2.5']);
    const failed = await session.call('fail', []);
    if (!failed.ok) throw new Error(failed.error.message);
    expect(failed.value.error?.code).toBe('trap');
    expect(failed.value.error?.message).toContain('boom at as.ts:7:3');
    expect(text(chunks, 'stderr')).toBe('abort: boom at as.ts:7:3\n');
    expect(text(chunks, 'stdout')).toBe('trace: boom 1.5, 2.5\n');
  });

  it('binds print_utf8 / print_utf16 from sequence import directives', async () => {
    const wseq = readFileSync(resolve(example('print-builtin'), '../print-builtin.wseq'), 'utf8');
    const session = await open(example('print-builtin'), { sequence: wseq });
    const chunks = collectOutput(session);
    const records = await session.run();
    expect(records.every((r) => r.ok)).toBe(true);
    expect(text(chunks)).toContain('hello from WAT\n');
    expect(text(chunks)).toContain('grüße, 世界\n');
    const builtinCalls = records.flatMap((r) => r.calls.flatMap((c) => c.imports)).filter((i) => i.binding === 'builtin');
    expect(builtinCalls[0]?.summary).toBe('print_utf8("hello from WAT\\n")');
  });

  it('enforces the memory cap on growth', async () => {
    const session = await open(HOST, { config: { memoryCapBytes: 4 * 65536 } });
    const refused = await session.call('grow', ['10']);
    expect(refused.ok && refused.value.results.map(formatValue)).toEqual(['-1']);
    const grew = await session.call('grow', ['1']);
    expect(grew.ok && grew.value.results.map(formatValue)).toEqual(['1']);
    expect(session.memorySize).toBe(2 * 65536);
    expect(grew.ok && grew.value.error).toBe(undefined);
    const atCap = await session.call('grow', ['2']);
    expect(atCap.ok && atCap.value.error?.code).toBe('memory-cap');
    const past = await session.call('grow', ['1']);
    expect(past.ok && past.value.results.map(formatValue)).toEqual(['-1']);
    const tooSmall = await Session.open({ moduleBytes: readFileSync(HOST), moduleName: 'host.wasm', config: { memoryCapBytes: 1000 } });
    expect(tooSmall.ok ? 'ok' : tooSmall.error.code).toBe('memory-cap');
  });
});
