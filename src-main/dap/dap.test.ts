// `memscope dap` driven through the protocol by a scripted client, as VS Code would: the real
// CLI in a child process over stdio (and once over --port), real demos, real guest workers.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { checkLaunchArgs } from './launch.ts';
import { DapClient, spawnAdapter } from './testing/dap-client.ts';
import { spinProgram } from './testing/programs.ts';
import { BIN, memscope } from '../cli/testing/memscope-cli.ts';
import { PACKAGE_ROOT } from '../paths.ts';

const EXAMPLES = join(PACKAGE_ROOT, 'resources/examples');
const children: ChildProcessWithoutNullStreams[] = [];

function adapter(args: string[] = []): ChildProcessWithoutNullStreams {
  const child = spawnAdapter(args);
  children.push(child);
  return child;
}

function exitOf(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((r) => child.once('exit', (code) => r(code)));
}

/** 1-based line of the first line of a demo's sequence that starts with `text`. */
function lineOf(file: string, text: string): number {
  const index = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.startsWith(text));
  if (index < 0) throw new Error(`${file} has no line starting "${text}"`);
  return index + 1;
}

async function start(client: DapClient, launch: Record<string, unknown>): Promise<DebugProtocol.InitializeResponse> {
  const init = await client.request<DebugProtocol.InitializeResponse>('initialize', { adapterID: 'memscope', linesStartAt1: true, columnsStartAt1: true });
  const answer = await client.request('launch', launch);
  expect(answer.success, answer.message).toBe(true);
  await client.waitEvent('initialized');
  return init;
}

/** The variables a variablesReference stands for. */
async function variablesOf(client: DapClient, reference: number): Promise<DebugProtocol.Variable[]> {
  return (await client.request<DebugProtocol.VariablesResponse>('variables', { variablesReference: reference })).body.variables;
}

/** The Statics scope at the current stop: its reference and its variables. */
async function staticsOf(client: DapClient): Promise<{ reference: number; variables: DebugProtocol.Variable[] }> {
  const scopes = await client.request<DebugProtocol.ScopesResponse>('scopes', { frameId: 0 });
  const reference = scopes.body.scopes.find((x) => x.name === 'Statics')!.variablesReference;
  return { reference, variables: await variablesOf(client, reference) };
}

/** An adapter over stdio, launched with `args` and configured: its program starts (or stops on entry). */
async function launched(args: Record<string, unknown>): Promise<{ child: ChildProcessWithoutNullStreams; client: DapClient }> {
  const child = adapter();
  const client = new DapClient(child.stdout, child.stdin);
  await start(client, args);
  await client.request('configurationDone');
  return { child, client };
}

/** An adapter launched on `program` and stopped before its first step. */
async function stoppedOnEntry(program: string): Promise<{ child: ChildProcessWithoutNullStreams; client: DapClient }> {
  const launch = await launched({ program, stopOnEntry: true });
  expect((await launch.client.waitEvent<DebugProtocol.StoppedEvent>('stopped')).body.reason).toBe('entry');
  return launch;
}

/** `command` is refused with exactly `message`, and the adapter goes on answering (a threads request). */
async function expectRefused(client: DapClient, command: string, args: unknown, message: string): Promise<void> {
  const answer = await client.request(command, args);
  expect([answer.success, answer.message], `${command} ${JSON.stringify(args)}`).toEqual([false, message]);
  expect((await client.request('threads')).success).toBe(true);
}

/** The failed step's error as `memscope run PROGRAM` prints it under the step: `✗ file:line:col: …`, its line and caret, the stack (unindented). */
function runFailure(program: string): string {
  const lines = memscope(['run', program]).stdout.split('\n');
  const first = lines.findIndex((l) => l.trimStart().startsWith(`✗ ${program}:`));
  expect(first, 'run prints the failed step\'s error').toBeGreaterThan(0);
  const indent = lines[first]!.indexOf('✗');
  const block = [lines[first]!];
  for (const l of lines.slice(first + 1)) {
    if (!l.startsWith(' '.repeat(indent + 1))) break;
    block.push(l);
  }
  return block.map((l) => l.slice(indent)).join('\n');
}

/** A `memscope dap --port 0` server and the port it listens on. */
async function portAdapter(): Promise<{ child: ChildProcessWithoutNullStreams; port: number }> {
  const child = adapter(['--port', '0']);
  const port = await new Promise<number>((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (d: Buffer) => {
      text += d.toString();
      const m = /listening on 127\.0\.0\.1:(\d+)/.exec(text);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`dap --port exited with ${code}: ${text}`)));
  });
  return { child, port };
}

/** A client connected to a --port server. */
function portClient(port: number): { socket: Socket; client: DapClient } {
  const socket = connect(port, '127.0.0.1');
  return { socket, client: new DapClient(socket, socket) };
}

/** CPU time a process used over `ms` (Linux /proc), as a fraction of one core. */
async function cpuOver(pid: number, ms: number): Promise<number> {
  const ticks = () => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ').slice(11, 13).reduce((a, b) => a + Number(b), 0);
  const before = ticks();
  await new Promise((r) => setTimeout(r, ms));
  return ((ticks() - before) * 10) / ms;
}

/**
 * Whether the process's CPU use over some 1-second window, of up to `windows`, passes `test`: a
 * spinning guest shows, and an ended one stops showing, however loaded the machine (one window
 * could see a spinning thread starved, or an ended one's last slice).
 */
async function cpuComesTo(pid: number, test: (share: number) => boolean, windows = 10): Promise<boolean> {
  for (let i = 0; i < windows; i++) if (test(await cpuOver(pid, 1000))) return true;
  return false;
}

/**
 * An adapter launched on a frames.c sequence (testdata), whose `watch last_x … stop` pauses
 * inside scale(), with the stack at that pause.
 */
async function pausedInScale(wseq: string): Promise<{ child: ChildProcessWithoutNullStreams; client: DapClient; frames: DebugProtocol.StackFrame[] }> {
  const launch = await launched({ program: join(PACKAGE_ROOT, 'src-main/engine/module/dwarf/testdata', wseq) });
  expect((await launch.client.waitEvent<DebugProtocol.StoppedEvent>('stopped')).body.reason).toBe('data breakpoint');
  const trace = await launch.client.request<DebugProtocol.StackTraceResponse>('stackTrace', { threadId: 1 });
  return { ...launch, frames: trace.body.stackFrames };
}

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill();
});

describe('memscope dap over stdio', () => {
  it('breakpoint, next, variables with memoryReference, readMemory of a read string, writeMemory, evaluate, exit', async () => {
    const program = join(EXAMPLES, 'return-string/return-string.wseq');
    const child = adapter();
    const client = new DapClient(child.stdout, child.stdin);
    const init = await start(client, { program, deterministic: true });
    expect(init.body).toMatchObject({ supportsConfigurationDoneRequest: true, supportsReadMemoryRequest: true, supportsWriteMemoryRequest: true, supportsStepBack: true });

    const structLine = lineOf(program, 's = read');
    const textLine = lineOf(program, 'text = read');
    // Line structLine - 1 is a blank/comment line: the breakpoint moves to the step after it.
    const bps = await client.request<DebugProtocol.SetBreakpointsResponse>('setBreakpoints', { source: { path: program }, breakpoints: [{ line: structLine - 1 }] });
    expect(bps.body.breakpoints).toEqual([{ verified: true, line: structLine }]);
    await client.request('configurationDone');
    const stop = await client.waitEvent<DebugProtocol.StoppedEvent>('stopped');
    expect(stop.body.reason).toBe('breakpoint');
    const trace = await client.request<DebugProtocol.StackTraceResponse>('stackTrace', { threadId: 1 });
    expect(trace.body.stackFrames[0]).toMatchObject({ line: structLine, source: { path: program } });
    expect(trace.body.stackFrames[0]!.name).toMatch(/^s = read \{ptr: u32, len: u32\} @ ret/);

    await client.request('next', { threadId: 1 });
    expect((await client.waitEvent<DebugProtocol.StoppedEvent>('stopped')).body.reason).toBe('step');
    await client.request('next', { threadId: 1 });
    await client.waitEvent('stopped');
    const after = await client.request<DebugProtocol.StackTraceResponse>('stackTrace', { threadId: 1 });
    expect(after.body.stackFrames[0]!.line).toBeGreaterThan(textLine);

    const scopes = await client.request<DebugProtocol.ScopesResponse>('scopes', { frameId: 0 });
    expect(scopes.body.scopes.map((s) => s.name)).toEqual(expect.arrayContaining(['Bindings', 'Regions']));
    const bindings = await client.request<DebugProtocol.VariablesResponse>('variables', { variablesReference: scopes.body.scopes[0]!.variablesReference });
    const text = bindings.body.variables.find((v) => v.name === 'text')!;
    const ret = bindings.body.variables.find((v) => v.name === 'ret')!;
    expect(text.value).toBe('"hello from C"');
    expect(text.memoryReference).toMatch(/^0x[0-9a-f]+$/);
    expect(ret.memoryReference).toBe(`0x${Number(ret.value.split(' ')[0]).toString(16)}`);
    const s = bindings.body.variables.find((v) => v.name === 's')!;
    const fields = await client.request<DebugProtocol.VariablesResponse>('variables', { variablesReference: s.variablesReference });
    expect(fields.body.variables.map((f) => [f.name, f.value])).toEqual([['ptr', expect.any(String)], ['len', '12 (0xc)']]);

    const read = await client.request<DebugProtocol.ReadMemoryResponse>('readMemory', { memoryReference: text.memoryReference, count: 12 });
    expect(Buffer.from(read.body!.data!, 'base64').toString()).toBe('hello from C');
    expect(read.body!.unreadableBytes).toBe(0);
    const written = await client.request<DebugProtocol.WriteMemoryResponse>('writeMemory', { memoryReference: text.memoryReference, data: Buffer.from('HELLO').toString('base64') });
    expect(written.body?.bytesWritten).toBe(5);
    const again = await client.request<DebugProtocol.ReadMemoryResponse>('readMemory', { memoryReference: text.memoryReference, count: 12 });
    expect(Buffer.from(again.body!.data!, 'base64').toString()).toBe('HELLO from C');
    const beyond = await client.request<DebugProtocol.ReadMemoryResponse>('readMemory', { memoryReference: '0xffffff00', count: 16 });
    expect(beyond.body!.unreadableBytes).toBe(16);

    const len = await client.request<DebugProtocol.EvaluateResponse>('evaluate', { expression: 's.len * 2', context: 'repl' });
    expect(len.body.result).toBe('24');
    const bad = await client.request('evaluate', { expression: 'nosuch + 1', context: 'repl' });
    expect(bad.success).toBe(false);
    expect(bad.message).toMatch(/nosuch/);

    // Step back: the text read is undone (replayed up to just before it), then forward again.
    const back = await client.request('stepBack', { threadId: 1 });
    expect(back.success, back.message).toBe(true);
    expect((await client.waitEvent<DebugProtocol.StoppedEvent>('stopped')).body.reason).toBe('step');
    const there = await client.request<DebugProtocol.StackTraceResponse>('stackTrace', { threadId: 1 });
    expect(there.body.stackFrames[0]!.line).toBe(textLine);
    const scopesBack = await client.request<DebugProtocol.ScopesResponse>('scopes', { frameId: 0 });
    const before = await client.request<DebugProtocol.VariablesResponse>('variables', { variablesReference: scopesBack.body.scopes[0]!.variablesReference });
    expect(before.body.variables.map((v) => v.name)).not.toContain('text');
    // The memory write made after that step is undone with it.
    const replayed = await client.request<DebugProtocol.ReadMemoryResponse>('readMemory', { memoryReference: text.memoryReference, count: 5 });
    expect(Buffer.from(replayed.body!.data!, 'base64').toString()).toBe('hello');

    await client.request('continue', { threadId: 1 });
    expect((await client.waitEvent<DebugProtocol.ExitedEvent>('exited')).body.exitCode).toBe(0);
    await client.waitEvent('terminated');
    await client.request('disconnect');
    expect(await exitOf(child)).toBe(0);
  });

  it('a minified Emscripten module launched with its glue beside it runs by the glue\'s names', async () => {
    const program = join(PACKAGE_ROOT, 'src-main/engine/host/testdata/emscripten-runtime/greet-min.wseq');
    const { child, client } = await launched({ program, deterministic: true });
    expect((await client.waitEvent<DebugProtocol.ExitedEvent>('exited')).body.exitCode).toBe(0);
    const printed = client.events.filter((e): e is DebugProtocol.OutputEvent => e.event === 'output').map((e) => e.body.output).join('');
    expect(printed).toContain('greeted ann\n');
    await client.waitEvent('terminated');
    await client.request('disconnect');
    expect(await exitOf(child)).toBe(0);
  });

  it("a Go library's js.FuncOf functions called by name: their results are variables of JavaScript's types", async () => {
    const program = join(EXAMPLES, 'go-library/go-library.wseq');
    const child = adapter();
    const client = new DapClient(child.stdout, child.stdin);
    await start(client, { program });
    const line = lineOf(program, 'expect n == 4');
    await client.request('setBreakpoints', { source: { path: program }, breakpoints: [{ line }] });
    await client.request('configurationDone');
    expect((await client.waitEvent<DebugProtocol.StoppedEvent>('stopped')).body.reason).toBe('breakpoint');
    const scopes = await client.request<DebugProtocol.ScopesResponse>('scopes', { frameId: 0 });
    const bindings = await client.request<DebugProtocol.VariablesResponse>('variables', { variablesReference: scopes.body.scopes[0]!.variablesReference });
    expect(bindings.body.variables.map((v) => [v.name, v.value, v.type])).toEqual([['g', '"hello, ann"', 'JavaScript string'], ['n', '4', 'int']]);
    await client.request('continue', { threadId: 1 });
    expect((await client.waitEvent<DebugProtocol.ExitedEvent>('exited')).body.exitCode).toBe(0);
    await client.request('disconnect');
    expect(await exitOf(child)).toBe(0);
  });

  it('a trap stops with an exception, the guest frames below the sequence line; next and continue stay there; Stop ends with exit code 1', async () => {
    const program = join(EXAMPLES, 'trap/trap.wseq');
    const { child, client } = await launched({ program });
    const stop = await client.waitEvent<DebugProtocol.StoppedEvent>('stopped');
    expect(stop.body.reason).toBe('exception');
    expect(stop.body.text).toMatch(/divide by zero/);
    const trace = await client.request<DebugProtocol.StackTraceResponse>('stackTrace', { threadId: 1 });
    expect(trace.body.stackFrames.map((f) => f.name)).toEqual(['oops = report(256, 0)', 'divide', 'mean', 'average', 'report']);
    // At the call's name, as run's `trap.wseq:28:8` and caret place it (the frame said column 1).
    const line = lineOf(program, 'oops = report');
    expect(trace.body.stackFrames[0]).toMatchObject({ line, column: 8, endLine: line, endColumn: 14 });
    // The code offset (0xaf) is no memory reference: it is in exceptionInfo's stack below.
    expect(trace.body.stackFrames[1]!.instructionPointerReference).toBeUndefined();
    // What VS Code's exception widget shows: the error, its code, the guest's frames.
    const info = await client.request<DebugProtocol.ExceptionInfoResponse>('exceptionInfo', { threadId: 1 });
    expect(info.body).toMatchObject({ exceptionId: 'trap', breakMode: 'always', details: { typeName: 'trap' } });
    expect(info.body.description).toMatch(/^trap: divide by zero/);
    expect(info.body.details!.stackTrace!.split('\n')).toEqual([expect.stringMatching(/^at divide \(func \d+ @0xaf\)$/), expect.stringMatching(/^at mean /), expect.stringMatching(/^at average /), expect.stringMatching(/^at report /)]);
    // Reverse continue from the trap: no breakpoints, so back to the start; then forward again.
    const reverse = await client.request('reverseContinue', { threadId: 1 });
    expect(reverse.success, reverse.message).toBe(true);
    expect((await client.waitEvent<DebugProtocol.StoppedEvent>('stopped')).body.reason).toBe('entry');
    const first = await client.request<DebugProtocol.StackTraceResponse>('stackTrace', { threadId: 1 });
    expect(first.body.stackFrames[0]!.line).toBe(lineOf(program, 'write u32 10 @ 256'));
    await client.request('continue', { threadId: 1 });
    expect((await client.waitEvent<DebugProtocol.StoppedEvent>('stopped')).body.reason).toBe('exception');
    // Nothing runs past a failed step: next and continue are refused and the stop stays (they
    // ended the program, and VS Code the session, losing step back), which a step back leaves.
    const stuck = `step 9 (line ${lineOf(program, 'oops = report')}) failed, and no step runs after it: step back or reverse continue to go to an earlier step, or stop (terminate) to end the program`;
    await expectRefused(client, 'next', { threadId: 1 }, `next: ${stuck}`);
    await expectRefused(client, 'continue', { threadId: 1 }, `continue: ${stuck}`);
    expect(client.events.map((e) => e.event)).not.toContain('exited');
    expect((await client.request<DebugProtocol.ExceptionInfoResponse>('exceptionInfo', { threadId: 1 })).body.exceptionId).toBe('trap');
    expect((await client.request('stepBack', { threadId: 1 })).success).toBe(true);
    expect((await client.waitEvent<DebugProtocol.StoppedEvent>('stopped')).body.reason).toBe('step');
    await client.request('next', { threadId: 1 });
    expect((await client.waitEvent<DebugProtocol.StoppedEvent>('stopped')).body.reason).toBe('exception');
    // Stop (terminate) ends it: exit code 1, as `memscope run` exits after a failed step.
    await client.request('terminate', {});
    expect((await client.waitEvent<DebugProtocol.ExitedEvent>('exited')).body.exitCode).toBe(1);
    await client.waitEvent('terminated');
    await client.request('disconnect');
    expect(await exitOf(child)).toBe(0);
  });

  it('a failed expect stops at its comparison: the frame\'s column and range are those run\'s caret underlines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'memscope-dap-expect-'));
    copyFileSync(join(EXAMPLES, 'trap/trap.wasm'), join(dir, 'trap.wasm'));
    const program = join(dir, 'expect.wseq');
    writeFileSync(program, 'module "trap.wasm"\nwrite u32 10 @ 256\nfirst = peek(256)\n  expect first == 11\n');
    const { child, client } = await launched({ program });
    expect((await client.waitEvent<DebugProtocol.StoppedEvent>('stopped')).body.reason).toBe('exception');
    const trace = await client.request<DebugProtocol.StackTraceResponse>('stackTrace', { threadId: 1 });
    // run: `expect.wseq:4:10: expect-failed: …`, the caret under `first == 11` (11 columns).
    expect(trace.body.stackFrames[0]).toMatchObject({ name: 'expect first == 11', line: 4, column: 10, endLine: 4, endColumn: 21 });
    await client.request('disconnect');
    expect(await exitOf(child)).toBe(0);
  });

  it("a trap in a module built with -g: the guest's frame opens its C source at the line", async () => {
    const testdata = join(PACKAGE_ROOT, 'src-main/engine/module/dwarf/testdata');
    const { child, client } = await launched({ program: join(testdata, 'statics-trap.wseq') });
    expect((await client.waitEvent<DebugProtocol.StoppedEvent>('stopped')).body.reason).toBe('exception');
    const trace = await client.request<DebugProtocol.StackTraceResponse>('stackTrace', { threadId: 1 });
    const ratio = trace.body.stackFrames[1]!;
    expect(ratio).toMatchObject({ name: 'ratio', line: 39, column: 74, source: { name: 'statics.c', path: join(testdata, 'statics.c') } });
    // The Statics scope: the program's own first, integers and pointers read, each openable in memory.
    const statics = await staticsOf(client);
    expect(statics.variables.slice(0, 5).map(({ name, value, type, memoryReference }) => [name, value, type, memoryReference])).toEqual([
      ['greeting', '"hello"', 'const char[6]', '0x400'],
      ['origin', '{ x: 1, y: 2 }', 'point', '0x410'],
      ['grid', '[[1, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]]', 'unsigned short[3][4]', '0x420'],
      ['count', '0', 'int', '0x438'],
      ['table', '0x0', 'pair *', '0x43c'],
    ]);
    // A struct or array static expands into its parts as DWARF lays them out, each read and
    // openable in memory; a part can be a data breakpoint's target.
    const parts = async (name: string, reference = statics.reference) => {
      const parent = (await variablesOf(client, reference)).find((v) => v.name === name)!;
      return { reference: parent.variablesReference, rows: (await variablesOf(client, parent.variablesReference)).map(({ name, value, type, memoryReference, variablesReference }) => [name, value, type, memoryReference, variablesReference > 0]) };
    };
    const origin = await parts('origin');
    expect(origin.rows).toEqual([['x', '1', 'int', '0x410', false], ['y', '2', 'int', '0x414', false]]);
    const grid = await parts('grid');
    expect(grid.rows.map((row) => row.slice(0, 4))).toEqual([0, 1, 2].map((i) => [`[${i}]`, i === 0 ? '[1, 0, 0, 0]' : '[0, 0, 0, 0]', 'unsigned short[4]', `0x${(0x420 + 8 * i).toString(16)}`]));
    expect((await parts('[0]', grid.reference)).rows.map((row) => row[1])).toEqual(['1', '0', '0', '0']);
    expect((await parts('greeting')).rows.map((row) => row[1])).toEqual(["104 'h'", "101 'e'", "108 'l'", "108 'l'", "111 'o'", "0 '\\0'"]);
    const y = await client.request<DebugProtocol.DataBreakpointInfoResponse>('dataBreakpointInfo', { variablesReference: origin.reference, name: 'y' });
    expect(y.body.description).toBe('origin.y [0x414, +4)');
    // Set Value writes a number's bytes: the static, or a part of one; what cannot be set says why.
    const set = (variablesReference: number, name: string, value: string) => client.request<DebugProtocol.SetVariableResponse>('setVariable', { variablesReference, name, value });
    expect((await set(statics.reference, 'count', '41')).body.value).toBe('41 (0x29)');
    expect((await set(origin.reference, 'y', '-3')).body.value).toBe('-3');
    expect((await parts('origin')).rows.map((row) => row[1])).toEqual(['1', '-3']);
    const grid0 = (await client.request<DebugProtocol.VariablesResponse>('variables', { variablesReference: grid.reference })).body.variables[0]!;
    expect((await set(grid0.variablesReference, '[1]', '0xffff')).body.value).toBe('65535 (0xffff)');
    expect(await set(grid0.variablesReference, '[2]', '70000')).toMatchObject({ success: false, message: 'setVariable: 70000 does not fit unsigned short (0 to 65535)' });
    expect(await set(statics.reference, 'count', 'many')).toMatchObject({ success: false, message: "setVariable: 'many' is not an integer (42, -1, 0x2a)" });
    expect(await set(statics.reference, 'origin', '0')).toMatchObject({ success: false, message: 'setVariable: point is not a number: set its parts one by one' });
    const read = await client.request<DebugProtocol.ReadMemoryResponse>('readMemory', { memoryReference: '0x438', count: 4 });
    expect([...Buffer.from(read.body!.data!, 'base64')]).toEqual([41, 0, 0, 0]);
    // An expression may name one: its address.
    const at = await client.request<DebugProtocol.EvaluateResponse>('evaluate', { expression: '&table + 4', context: 'watch' });
    expect(at.body.result).toMatch(/^1088\b/);
    await client.request('disconnect');
    expect(await exitOf(child)).toBe(0);
  });

  it('a Rust enum static reads as the variant its bytes hold and expands into its fields; a C-like one as its enumerator', async () => {
    const { child, client } = await stoppedOnEntry(join(PACKAGE_ROOT, 'src-main/engine/module/dwarf/testdata/enums.wseq'));
    const statics = async () => (await staticsOf(client)).variables;
    const children = async (v: DebugProtocol.Variable) => (await variablesOf(client, v.variablesReference)).map(({ name, value }) => [name, value]);
    const before = await statics();
    expect(before.filter((v) => v.name !== 'enums::NUMBER').map(({ name, value, variablesReference }) => [name, value, variablesReference > 0])).toEqual([
      ['enums::SHAPE', 'Rect { w: 3, h: 4 }', true], ['enums::SLOT', '{ shape: Empty, id: 1 }', true], ['enums::MAYBE', 'Some(7)', true], ['enums::MODE', 'Busy (5)', false], ['enums::NICHE', 'None', false],
    ]);
    expect(await children(before.find((v) => v.name === 'enums::SHAPE')!)).toEqual([['w', '3'], ['h', '4']]);
    // Set Value by an enumerator's name, or a field of the variant the bytes hold.
    const scope = await staticsOf(client);
    const mode = await client.request<DebugProtocol.SetVariableResponse>('setVariable', { variablesReference: scope.reference, name: 'enums::MODE', value: 'Idle' });
    expect(mode.body.value).toBe('Idle (0)');
    const bad = await client.request<DebugProtocol.SetVariableResponse>('setVariable', { variablesReference: scope.reference, name: 'enums::MODE', value: 'Asleep' });
    expect(bad).toMatchObject({ success: false, message: "setVariable: 'Asleep' is not an integer (42, -1, 0x2a, or one of Idle, Busy)" });
    await client.request('next', { threadId: 1 });
    await client.waitEvent<DebugProtocol.StoppedEvent>('stopped');
    const after = await statics();
    expect(await children(after.find((v) => v.name === 'enums::SHAPE')!)).toEqual([['__0', '1.5']]);
    expect(await children(after.find((v) => v.name === 'enums::SLOT')!)).toEqual([['shape', 'Rect { w: 5, h: 6 }'], ['id', '1']]);
    await client.request('disconnect');
    expect(await exitOf(child)).toBe(0);
  });

  it("standard containers read as what they hold and expand into their elements: libc++'s vector, strings and map", async () => {
    const { child, client } = await stoppedOnEntry(join(PACKAGE_ROOT, 'src-main/engine/module/dwarf/testdata/containers.wseq'));
    await client.request('next', { threadId: 1 });
    await client.waitEvent<DebugProtocol.StoppedEvent>('stopped');
    const statics = (await staticsOf(client)).variables;
    const own = statics.filter((v) => ['nums', 'shortName', 'longName', 'names'].includes(v.name));
    expect(own.map(({ name, value, variablesReference }) => [name, value, variablesReference > 0])).toEqual([
      ['nums', 'size 3 [0, 10 (0xa), 20 (0x14)]', true], ['shortName', 'size 3 "ada"', false],
      ['longName', 'size 39 "a string too long for the inline buffer"', false], ['names', 'size 1 ["grace"]', true],
    ]);
    const children = async (name: string) => (await variablesOf(client, own.find((v) => v.name === name)!.variablesReference)).map(({ name, value }) => [name, value]);
    expect(await children('nums')).toEqual([['[0]', '0'], ['[1]', '10 (0xa)'], ['[2]', '20 (0x14)']]);
    expect(await children('names')).toEqual([['[0]', 'size 5 "grace"']]);
    // A map reads as its entries and expands into them, by key.
    const ages = statics.find((v) => v.name === 'ages')!;
    expect(ages.value).toBe('size 2 {"ada": 36 (0x24), "grace": 85 (0x55)}');
    const entries = await variablesOf(client, ages.variablesReference);
    expect(entries.map(({ name, value }) => [name, value])).toEqual([['["ada"]', '36 (0x24)'], ['["grace"]', '85 (0x55)']]);
    const set = await client.request<DebugProtocol.SetVariableResponse>('setVariable', { variablesReference: ages.variablesReference, name: '["ada"]', value: '37' });
    expect(set.body.value).toBe('37 (0x25)');
    // A deque expands into its elements across its blocks; a forward_list, which keeps no count, into its nodes' values.
    const rounds = statics.find((v) => v.name === 'rounds')!;
    expect(rounds.value).toBe('size 1028 [-1, 3, 4, 5, 6, 7, 8, 9, …]');
    const elements = await variablesOf(client, rounds.variablesReference);
    expect(elements).toHaveLength(100);
    expect(elements.slice(0, 2).map(({ name, value }) => [name, value])).toEqual([['[0]', '-1'], ['[1]', '3']]);
    const readings = statics.find((v) => v.name === 'readings')!;
    expect(readings.value).toMatch(/^0x[0-9a-f]+ \[0\.5, 2\.5\]$/);
    expect((await variablesOf(client, readings.variablesReference)).map(({ name, value }) => [name, value])).toEqual([['[0]', '0.5'], ['[1]', '2.5']]);
    // The Heap scope names a map's node by its entry and expands it into the entry.
    const scopes = await client.request<DebugProtocol.ScopesResponse>('scopes', { frameId: 0 });
    const blocks = await variablesOf(client, scopes.body.scopes.find((x) => x.name === 'Heap')!.variablesReference);
    const node = blocks.find((v) => v.value.endsWith(', the node of ages["ada"] (__value_type<…>)'))!;
    expect(node.value).toBe('44 bytes, guest (fill), line 4, the node of ages["ada"] (__value_type<…>)');
    const entry = await variablesOf(client, node.variablesReference);
    expect(entry.map(({ name, value }) => [name, value])).toEqual([['__cc_', '{ first: "ada", second: 37 (0x25) }']]);
    // The sequence's own check of fill's result passes: the run ends, never stopping on it.
    await client.request('continue', { threadId: 1 });
    await client.waitEvent('terminated');
    expect(client.events.filter((e) => e.event === 'stopped').map((e) => (e as DebugProtocol.StoppedEvent).body.reason)).toEqual(['entry', 'step']);
    await client.request('disconnect');
    expect(await exitOf(child)).toBe(0);
  });

  it('guest stdout arrives as output events; stopOnEntry stops before the first step', async () => {
    const { child, client } = await stoppedOnEntry(join(EXAMPLES, 'wasi-cat/wasi-cat.wseq'));
    await client.request('continue', { threadId: 1 });
    await client.waitEvent('terminated');
    expect(client.output_('stdout')).toContain('Hello from a preopened directory!');
    // The heap's last word, as `memscope run` prints it: wasi-libc's start-up blocks, still
    // pointed to from its static data (clang's layout: .bss below the stack) and from each other,
    // and main's argv, the runtime's own (pointed to by nothing, not counted as leaks).
    const console = client.output_('console');
    expect(console).toMatch(/^heap: dlmalloc \(wasi-libc\), \d+ live blocks/m);
    expect(console).toMatch(/still pointed to from 0x[0-9a-f]+, in \.bss or the free stack\)/);
    expect(console).toMatch(/still pointed to from 0x[0-9a-f]+, in the 44 B block at 0x[0-9a-f]+\)/);
    expect(console).toContain('not counted as leaks: 2 blocks');
    await client.request('disconnect');
    expect(await exitOf(child)).toBe(0);
  });

  it('heap problems of steps that do not stop (a forced double free, a block handed out twice) reach the debug console', async () => {
    const program = join(EXAMPLES, 'heap-double-free/double-free.wseq');
    const { child, client } = await launched({ program, deterministic: true });
    await client.waitEvent('terminated');
    const problems = client.output_('stderr').split('\n').filter((l) => l.includes('⚠'));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(new RegExp(`^line ${lineOf(program, 'free!(a)')}: ⚠ double free of 0x500848: .* already freed at line ${lineOf(program, 'free(a)')} by the host`));
    expect(problems[1]).toMatch(new RegExp(`^line ${lineOf(program, 'c = malloc')}: ⚠ double-alloc: malloc returned 0x500848, .*\\(allocated at line ${lineOf(program, 'b = malloc')} by the host's malloc`));
    await client.request('disconnect');
    expect(await exitOf(child)).toBe(0);
  });

  it('a bad launch is an error response naming the file; the adapter stays up', async () => {
    const child = adapter();
    const client = new DapClient(child.stdout, child.stdin);
    await client.request('initialize', { adapterID: 'memscope' });
    const missing = await client.request('launch', { program: 'no/such.wseq' });
    expect(missing.success).toBe(false);
    expect(missing.message).toMatch(/cannot read sequence .*no\/such\.wseq/);
    const typo = await client.request('launch', { program: 42 });
    expect(typo.message).toMatch(/"program" must be/);
    // A module line naming a file that is not there: said at that line.
    const program = join(mkdtempSync(join(tmpdir(), 'memscope-dap-')), 'nowhere.wseq');
    writeFileSync(program, 'module "nowhere.wasm"\nf()\n');
    const nowhere = await client.request('launch', { program });
    expect(nowhere.message).toBe(`launch: ${program}:1:1: cannot read module ${join(program, '..', 'nowhere.wasm')}: no such file or directory\nmodule "nowhere.wasm"\n^^^^^^^^^^^^^^^^^^^^^`);
    await client.request('disconnect');
    expect(await exitOf(child)).toBe(0);
  });

  it('a next while steps run is refused, not run beside them; disconnect ends a stuck step', async () => {
    // spin() never returns: with a minute's limit the run is still going when `next` comes.
    const { child, client } = await launched({ program: spinProgram() });
    const next = await client.request('next', { threadId: 1 });
    expect(next.success).toBe(false);
    expect(next.message).toBe('next: steps are running; pause first');
    // A write too, saying so as next does (the engine's words named neither it nor pause).
    const write = await client.request('writeMemory', { memoryReference: '0x100', data: 'AQID' });
    expect([write.success, write.message]).toEqual([false, 'writeMemory: steps are running; pause first']);
    await client.request('disconnect');
    expect(await exitOf(child)).toBe(0);
  });
});

describe('memscope dap refuses what it cannot do, and stays up', () => {
  it('a request whose arguments have the wrong shape is an error naming the request and the argument, never a crash', async () => {
    const { child, client } = await stoppedOnEntry(join(EXAMPLES, 'return-string/return-string.wseq'));
    const cases: [string, unknown, string][] = [
      ['evaluate', {}, 'evaluate: expression must be a string'],
      ['evaluate', { expression: 5 }, 'evaluate: expression must be a string'],
      ['readMemory', { memoryReference: 12, count: 4 }, 'readMemory: memoryReference must be a string like "0x1000"'],
      ['readMemory', { memoryReference: 'garbage', count: 4 }, 'readMemory: memoryReference must be an address like "0x1000", not "garbage"'],
      ['writeMemory', { memoryReference: '0x0', data: 123 }, 'writeMemory: data must be base64 text'],
      ['writeMemory', { memoryReference: '0x0', data: null }, 'writeMemory: data must be base64 text'],
      ['scopes', undefined, 'scopes: needs arguments like {"frameId": 0}'],
      ['variables', undefined, 'variables: needs arguments like {"variablesReference": 1}'],
      ['setVariable', undefined, 'setVariable: needs arguments like {"variablesReference": 1, "name": "count", "value": "42"}'],
      ['readMemory', undefined, 'readMemory: needs arguments like {"memoryReference": "0x1000", "count": 16}'],
      ['writeMemory', undefined, 'writeMemory: needs arguments like {"memoryReference": "0x1000", "data": "AQID"}'],
      ['setDataBreakpoints', undefined, 'setDataBreakpoints: needs arguments like {"breakpoints": [{"dataId": "0x1040/4/pt.y"}]}'],
      ['setDataBreakpoints', { breakpoints: [null] }, 'setDataBreakpoints: breakpoints[0] must be an object like {"dataId": "0x1040/4/pt.y"}'],
      ['setDataBreakpoints', { breakpoints: [{ dataId: 7 }] }, 'setDataBreakpoints: breakpoints[0].dataId must be a dataId from dataBreakpointInfo'],
      ['setBreakpoints', undefined, 'setBreakpoints: needs arguments like {"source": {"path": "x.wseq"}, "breakpoints": [{"line": 3}]}'],
      ['setBreakpoints', { breakpoints: 'x' }, 'setBreakpoints: breakpoints must be a list like [{"line": 3}]'],
      ['setBreakpoints', { breakpoints: [null] }, 'setBreakpoints: breakpoints[0] must be an object like {"line": 3}'],
      ['setBreakpoints', { breakpoints: [{ line: 'one' }] }, 'setBreakpoints: breakpoints[0].line must be an integer ≥ 1'],
      ['setBreakpoints', { breakpoints: [{ line: 3 }] }, 'setBreakpoints: source must be an object like {"path": "x.wseq"}'],
      ['setBreakpoints', { source: {}, breakpoints: [{ line: 3 }] }, 'setBreakpoints: source must have a "path" (or a "name", or a "sourceReference")'],
      ['setBreakpoints', { source: { path: 7 }, breakpoints: [] }, 'setBreakpoints: source.path must be a string'],
      ['stackTrace', undefined, 'stackTrace: needs arguments like {"threadId": 1}'],
      ['dataBreakpointInfo', undefined, 'dataBreakpointInfo: needs arguments like {"name": "p + 4", "bytes": 4}'],
      ['dataBreakpointInfo', { name: 'ret', bytes: 'four' }, 'dataBreakpointInfo: bytes must be an integer'],
    ];
    for (const [command, args, message] of cases) await expectRefused(client, command, args, message);
    // Still the same session, at its first step.
    const trace = await client.request<DebugProtocol.StackTraceResponse>('stackTrace', { threadId: 1 });
    expect(trace.body.stackFrames[0]!.name).toBe('ret = malloc(8)');
    await client.request('disconnect');
    expect(await exitOf(child)).toBe(0);
  });

  it('writeMemory refuses data that is not strict base64 and writes nothing', async () => {
    const { child, client } = await stoppedOnEntry(join(EXAMPLES, 'return-string/return-string.wseq'));
    const read = async () => (await client.request<DebugProtocol.ReadMemoryResponse>('readMemory', { memoryReference: '0x100', count: 8 })).body!.data;
    const before = await read();
    for (const data of ['!!!not base64###', 'QUJD$$$RA==', 'QUJDRA', 'QU JD']) {
      await expectRefused(client, 'writeMemory', { memoryReference: '0x100', data }, 'writeMemory: data must be base64 (A–Z a–z 0–9 + /, padded with =); nothing was written');
    }
    expect(await read()).toBe(before);
    const ok = await client.request<DebugProtocol.WriteMemoryResponse>('writeMemory', { memoryReference: '0x100', data: 'QUJDRA==' });
    expect(ok.body?.bytesWritten).toBe(4);
    expect(Buffer.from((await read())!, 'base64').subarray(0, 4).toString()).toBe('ABCD');
    await client.request('disconnect');
    expect(await exitOf(child)).toBe(0);
  });

  it('before launch, a request that needs a session is refused and sends no events', async () => {
    const child = adapter();
    const client = new DapClient(child.stdout, child.stdin);
    await client.request('initialize', { adapterID: 'memscope' });
    for (const [command, args] of [['next', { threadId: 1 }], ['continue', { threadId: 1 }], ['readMemory', { memoryReference: '0x0', count: 4 }], ['stackTrace', { threadId: 1 }], ['configurationDone', {}]] as const) {
      await expectRefused(client, command, args, `${command}: nothing is launched yet: send launch first`);
    }
    expect(client.events).toEqual([]);
    // A launch after that goes as ever.
    await client.request('launch', { program: join(EXAMPLES, 'multi-value/multi-value.wseq') });
    await client.waitEvent('initialized');
    await client.request('configurationDone');
    expect((await client.waitEvent<DebugProtocol.ExitedEvent>('exited')).body.exitCode).toBe(0);
    await client.request('disconnect');
    expect(await exitOf(child)).toBe(0);
  });

  it('a client that closes stdin mid-step ends the adapter at once (the stuck guest with it)', async () => {
    const { child, client } = await launched({ program: spinProgram() });
    // The run is going: next is refused because of it.
    expect((await client.request('next', { threadId: 1 })).message).toBe('next: steps are running; pause first');
    const t0 = Date.now();
    child.stdin.end();
    expect(await exitOf(child)).toBe(0);
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('a second launch is refused; the first session goes on', async () => {
    const program = join(EXAMPLES, 'return-string/return-string.wseq');
    const { child, client } = await stoppedOnEntry(program);
    await expectRefused(client, 'launch', { program: join(EXAMPLES, 'trap/trap.wseq') }, 'launch: already launched; restart or disconnect first');
    const trace = await client.request<DebugProtocol.StackTraceResponse>('stackTrace', { threadId: 1 });
    expect(trace.body.stackFrames[0]!.source?.path).toBe(program);
    await client.request('continue', { threadId: 1 });
    expect((await client.waitEvent<DebugProtocol.ExitedEvent>('exited')).body.exitCode).toBe(0);
    await client.request('disconnect');
    expect(await exitOf(child)).toBe(0);
  });

  it('pause stops a stuck step (ending its worker) with reason pause; step back replays to before it', async () => {
    const { child, client } = await launched({ program: spinProgram() });
    expect((await client.request('next', { threadId: 1 })).message).toBe('next: steps are running; pause first');
    const t0 = Date.now();
    expect((await client.request('pause', { threadId: 1 })).success).toBe(true);
    const stop = await client.waitEvent<DebugProtocol.StoppedEvent>('stopped', 5000);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(stop.body).toMatchObject({ reason: 'pause', text: expect.stringMatching(/^paused: step 1 \(line 3\) was stopped, which ends its guest worker; step back/) });
    const trace = await client.request<DebugProtocol.StackTraceResponse>('stackTrace', { threadId: 1 });
    expect(trace.body.stackFrames[0]).toMatchObject({ name: 'spin()', line: 3 });
    // Already paused: a second pause succeeds, stopping nothing more (protocol-order.test.ts).
    expect((await client.request('pause', { threadId: 1 })).success).toBe(true);
    // As at a trap, nothing runs past the stopped step: continue stays at the pause.
    await expectRefused(client, 'continue', { threadId: 1 }, 'continue: step 1 (line 3) was stopped by pause, which ended its guest worker, and no step runs after it: step back or reverse continue to go to an earlier step, or stop (terminate) to end the program');
    const back = await client.request('stepBack', { threadId: 1 });
    expect(back.success, back.message).toBe(true);
    expect((await client.waitEvent<DebugProtocol.StoppedEvent>('stopped')).body.reason).toBe('step');
    await client.request('disconnect');
    expect(await exitOf(child)).toBe(0);
  });

  it('readMemory and writeMemory check count and offset, naming them', async () => {
    const { child, client } = await stoppedOnEntry(join(EXAMPLES, 'return-string/return-string.wseq'));
    const count = 'readMemory: count must be an integer ≥ 0';
    for (const args of [{ memoryReference: '0x0' }, { memoryReference: '0x0', count: 'abc' }, { memoryReference: '0x0', count: -10 }, { memoryReference: '0x0', count: 1.5 }]) {
      await expectRefused(client, 'readMemory', args, count);
    }
    await expectRefused(client, 'readMemory', { memoryReference: '0x0', offset: 2.5, count: 4 }, 'readMemory: offset must be an integer');
    await expectRefused(client, 'readMemory', { memoryReference: '0x0', offset: -5, count: 4 }, 'readMemory: offset -5 from 0x0 is outside memory (before address 0)');
    await expectRefused(client, 'writeMemory', { memoryReference: '0x0', offset: 1.5, data: 'AA==' }, 'writeMemory: offset must be an integer');
    // A negative offset is the spec's: from 0x10 back 5 bytes.
    const back = await client.request<DebugProtocol.ReadMemoryResponse>('readMemory', { memoryReference: '0x10', offset: -5, count: 4 });
    expect(back.body).toMatchObject({ address: '0xb', unreadableBytes: 0 });
    const none = await client.request<DebugProtocol.ReadMemoryResponse>('readMemory', { memoryReference: '0x10', count: 0 });
    expect(none.body).toMatchObject({ data: '', unreadableBytes: 0 });
    await client.request('disconnect');
    expect(await exitOf(child)).toBe(0);
  });

  it('a data breakpoint past the end of memory is not offered, and one set again from a kept id says it is past the end now', async () => {
    const { child, client } = await stoppedOnEntry(join(EXAMPLES, 'return-string/return-string.wseq'));
    // The memory's size: a read from 0 gets every byte there is (up to 1 MiB a read).
    const all = await client.request<DebugProtocol.ReadMemoryResponse>('readMemory', { memoryReference: '0x0', count: 1 << 20 });
    const size = Buffer.from(all.body!.data!, 'base64').length;
    const hex = (n: number) => `0x${n.toString(16)}`;
    // dataBreakpointInfo says so first (VS Code then offers no breakpoint), by address or by expression.
    const info = await client.request<DebugProtocol.DataBreakpointInfoResponse>('dataBreakpointInfo', { name: hex(size - 2), bytes: 100, asAddress: true });
    expect(info.body).toEqual({ dataId: null, description: `${hex(size - 2)}: [${hex(size - 2)}, +100) runs past the end of memory at ${hex(size)}: at most 2 bytes fit there` });
    const far = await client.request<DebugProtocol.DataBreakpointInfoResponse>('dataBreakpointInfo', { name: '0xffffff00' });
    expect(far.body).toEqual({ dataId: null, description: `0xffffff00: [0xffffff00, +4) starts past the end of memory at ${hex(size)}` });
    // A dataId kept from before (canPersist) is set whole, saying it is past the end now: memory
    // may grow over it later, or did before the run went back (grow-page.test.ts).
    const set = await client.request<DebugProtocol.SetDataBreakpointsResponse>('setDataBreakpoints', {
      breakpoints: [{ dataId: `${hex(size - 2)}/100/${hex(size - 2)}` }, { dataId: `${hex(size)}/4/end` }, { dataId: `${hex(size - 4)}/4/last` }],
    });
    const later = ': it stops at writes there once the guest grows memory over it';
    expect(set.body.breakpoints).toEqual([
      { id: expect.any(Number), verified: true, message: `${hex(size - 2)}: [${hex(size - 2)}, +100) runs past the end of memory at ${hex(size)}: at most 2 bytes fit there${later}` },
      { id: expect.any(Number), verified: true, message: `end: [${hex(size)}, +4) starts past the end of memory at ${hex(size)}${later}` },
      { id: expect.any(Number), verified: true, message: `last [${hex(size - 4)}, +4)` },
    ]);
    expect((await client.request('threads')).success).toBe(true);
    await client.request('disconnect');
    expect(await exitOf(child)).toBe(0);
  });

  it('after terminated, requests that move the program are refused and stop nothing', async () => {
    const { child, client } = await launched({ program: join(EXAMPLES, 'trap/trap.wseq') });
    expect((await client.waitEvent<DebugProtocol.StoppedEvent>('stopped')).body.reason).toBe('exception');
    await client.request('terminate', {});
    await client.waitEvent('terminated');
    const stops = client.events.filter((e) => e.event === 'stopped').length;
    for (const command of ['next', 'stepBack', 'reverseContinue', 'continue']) {
      await expectRefused(client, command, { threadId: 1 }, `${command}: the program has ended (terminated was sent): nothing more runs in this session`);
    }
    // What it ended with can still be read.
    const trace = await client.request<DebugProtocol.StackTraceResponse>('stackTrace', { threadId: 1 });
    expect(trace.body.stackFrames[0]!.name).toBe('oops = report(256, 0)');
    expect(client.events.filter((e) => e.event === 'stopped')).toHaveLength(stops);
    await client.request('disconnect');
    expect(await exitOf(child)).toBe(0);
  });

  it('stackTrace: a negative startFrame is refused, levels 0 or less is every frame', async () => {
    const { child, client } = await launched({ program: join(EXAMPLES, 'trap/trap.wseq') });
    await client.waitEvent('stopped');
    await expectRefused(client, 'stackTrace', { threadId: 1, startFrame: -1, levels: -1 }, 'stackTrace: startFrame must be an integer ≥ 0');
    for (const levels of [0, -1]) {
      const all = await client.request<DebugProtocol.StackTraceResponse>('stackTrace', { threadId: 1, levels });
      expect([all.body.stackFrames.length, all.body.totalFrames]).toEqual([5, 5]);
    }
    const two = await client.request<DebugProtocol.StackTraceResponse>('stackTrace', { threadId: 1, startFrame: 1, levels: 2 });
    expect(two.body.stackFrames.map((f) => f.name)).toEqual(['divide', 'mean']);
    await client.request('disconnect');
    expect(await exitOf(child)).toBe(0);
  });
});

describe('memscope dap: which file, how lines count, what order', () => {
  it("setBreakpoints for another file (a C source, another sequence, by name, by sourceReference) is unverified naming the session's sequence; the sequence's own stay", async () => {
    const program = join(EXAMPLES, 'return-string/return-string.wseq');
    const { child, client } = await stoppedOnEntry(program);
    const setIn = (source: unknown, line: number) => client.request<DebugProtocol.SetBreakpointsResponse>('setBreakpoints', { source, breakpoints: [{ line }] });
    const structLine = lineOf(program, 's = read');
    expect((await setIn({ path: program }, structLine)).body.breakpoints).toEqual([{ verified: true, line: structLine }]);
    const runs = `this session runs ${program}, and only its steps take breakpoints`;
    // VS Code sends each file's breakpoints to every session: the C file's line 15 is no step of the sequence.
    const cFile = join(EXAMPLES, 'return-string/return-string.c');
    const other = join(EXAMPLES, 'multi-value/multi-value.wseq');
    for (const [source, message] of [
      [{ path: cFile }, `${cFile} is not the sequence: ${runs}`],
      [{ name: 'multi-value.wseq', path: other }, `${other} is not the sequence: ${runs}`],
      [{ name: 'multi-value.wseq' }, `multi-value.wseq is not the sequence: ${runs}`],
      [{ name: 'return-string.wseq', sourceReference: 5 }, `source reference 5 (return-string.wseq) is not a file this adapter knows: ${runs}`],
    ] as const) {
      expect((await setIn(source, 15)).body.breakpoints, JSON.stringify(source)).toEqual([{ verified: false, line: 15, message }]);
    }
    // The sequence named otherwise: relative to the adapter's directory (as launch resolves "program"), through a symlink, by its name alone.
    const link = join(mkdtempSync(join(tmpdir(), 'memscope-dap-link-')), 'linked.wseq');
    symlinkSync(program, link);
    for (const source of [{ path: 'resources/examples/return-string/return-string.wseq' }, { path: link }, { name: 'return-string.wseq' }]) {
      expect((await setIn(source, structLine)).body.breakpoints, JSON.stringify(source)).toEqual([{ verified: true, line: structLine }]);
    }
    // The run stops at the sequence's breakpoint, not at line 15 (the C file's line, the first step's).
    await client.request('continue', { threadId: 1 });
    expect((await client.waitEvent<DebugProtocol.StoppedEvent>('stopped')).body.reason).toBe('breakpoint');
    const trace = await client.request<DebugProtocol.StackTraceResponse>('stackTrace', { threadId: 1 });
    expect(trace.body.stackFrames[0]).toMatchObject({ line: structLine, name: 's = read {ptr: u32, len: u32} @ ret' });
    await client.request('disconnect');
    expect(await exitOf(child)).toBe(0);
  });

  it('a client that counts lines and columns from 0 (initialize linesStartAt1/columnsStartAt1: false) is given and read 0-based ones', async () => {
    const testdata = join(PACKAGE_ROOT, 'src-main/engine/module/dwarf/testdata');
    const program = join(testdata, 'statics-trap.wseq');
    const child = adapter();
    const client = new DapClient(child.stdout, child.stdin);
    await client.request('initialize', { adapterID: 'memscope', linesStartAt1: false, columnsStartAt1: false });
    await client.request('launch', { program });
    await client.waitEvent('initialized');
    // 0-based line 0 is the file's first line (a comment): the breakpoint moves to the step, file line 3, 0-based 2.
    const bps = await client.request<DebugProtocol.SetBreakpointsResponse>('setBreakpoints', { source: { path: program }, breakpoints: [{ line: 0 }, { line: -1 }] });
    expect(bps.message).toBe('setBreakpoints: breakpoints[1].line must be an integer ≥ 0');
    const set = await client.request<DebugProtocol.SetBreakpointsResponse>('setBreakpoints', { source: { path: program }, breakpoints: [{ line: 0 }, { line: 3 }] });
    expect(set.body.breakpoints).toEqual([{ verified: true, line: 2 }, { verified: false, line: 3, message: 'no step at or after this line' }]);
    await client.request('configurationDone');
    expect((await client.waitEvent<DebugProtocol.StoppedEvent>('stopped')).body.reason).toBe('breakpoint');
    const atStep = await client.request<DebugProtocol.StackTraceResponse>('stackTrace', { threadId: 1 });
    expect(atStep.body.stackFrames[0]).toMatchObject({ name: 'r = ratio(1, 0)', line: 2, column: 0 });
    await client.request('continue', { threadId: 1 });
    expect((await client.waitEvent<DebugProtocol.StoppedEvent>('stopped')).body.reason).toBe('exception');
    // The guest's C frame too: statics.c line 39 column 74, counted from 1, is 38:73 counted from 0.
    const trapped = await client.request<DebugProtocol.StackTraceResponse>('stackTrace', { threadId: 1 });
    // The failed step at its call's name (`ratio`, columns 5 to 10 counted from 1).
    expect(trapped.body.stackFrames.slice(0, 2)).toMatchObject([{ line: 2, column: 4, endColumn: 9 }, { name: 'ratio', line: 38, column: 73, source: { path: join(testdata, 'statics.c') } }]);
    await client.request('disconnect');
    expect(await exitOf(child)).toBe(0);
  });

  it('a second configurationDone is refused and starts nothing; a pause before the first says the program has not started', async () => {
    const program = join(EXAMPLES, 'return-string/return-string.wseq');
    const child = adapter();
    const client = new DapClient(child.stdout, child.stdin);
    await start(client, { program, stopOnEntry: true });
    await expectRefused(client, 'pause', { threadId: 1 }, 'pause: nothing is running: the program starts at configurationDone');
    await client.request('configurationDone');
    expect((await client.waitEvent<DebugProtocol.StoppedEvent>('stopped')).body.reason).toBe('entry');
    await client.request('next', { threadId: 1 });
    expect((await client.waitEvent<DebugProtocol.StoppedEvent>('stopped')).body.reason).toBe('step');
    // It used to be answered OK and stop "on entry" again at step 2 (or, without stopOnEntry, run on from a stop).
    await expectRefused(client, 'configurationDone', {}, 'configurationDone: already done; the program has started (continue, next or step back move it)');
    expect(client.events.filter((e) => e.event === 'stopped').map((e) => e.body.reason)).toEqual(['entry', 'step']);
    const trace = await client.request<DebugProtocol.StackTraceResponse>('stackTrace', { threadId: 1 });
    expect(trace.body.stackFrames[0]!.name).toBe('ReturnString(ret)');
    await client.request('continue', { threadId: 1 });
    await client.waitEvent('terminated');
    await expectRefused(client, 'pause', { threadId: 1 }, 'pause: nothing is running: the program has ended');
    await client.request('disconnect');
    expect(await exitOf(child)).toBe(0);
  });

  it('Run Without Debugging (noDebug): no stop on entry or at a breakpoint; a trap ends the program with exit code 1 and its message as run says it', async () => {
    const program = join(EXAMPLES, 'trap/trap.wseq');
    const child = adapter();
    const client = new DapClient(child.stdout, child.stdin);
    await start(client, { program, stopOnEntry: true, noDebug: true });
    await client.request('setBreakpoints', { source: { path: program }, breakpoints: [{ line: lineOf(program, 'avg = report') }] });
    await client.request('configurationDone');
    expect((await client.waitEvent<DebugProtocol.ExitedEvent>('exited')).body.exitCode).toBe(1);
    await client.waitEvent('terminated');
    expect(client.events.filter((e) => e.event === 'stopped')).toEqual([]);
    // At the call's name, line and caret and guest stack, as run prints it (it was `step 9 (line 28: …) failed: …`, no column).
    const failure = runFailure(program);
    expect(failure).toMatch(new RegExp(`^✗ ${program}:${lineOf(program, 'oops =')}:8: trap: divide by zero.*\\n *oops = report\\(256, 0\\)\\n *\\^{6}\\n *at divide`));
    expect(client.output_('stderr')).toContain(`${failure}\n`);
    await client.request('disconnect');
    expect(await exitOf(child)).toBe(0);
  });
});

describe('memscope dap with watchpoints and write tracing', () => {
  it('a watch … stop in the sequence stops with reason "data breakpoint"; traceWrites names writers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'memscope-dap-'));
    const program = join(dir, 'watch.wseq');
    writeFileSync(program, [
      `module "${join(EXAMPLES, 'return-string/return-string.wasm')}"`,
      'ret = malloc(8)',
      'watch slot @ ret [8] stop',
      'ReturnString(ret)',
      '',
    ].join('\n'));
    const { child, client } = await launched({ program, traceWrites: true });
    const stop = await client.waitEvent<DebugProtocol.StoppedEvent>('stopped');
    expect(stop.body.reason).toBe('data breakpoint');
    expect(stop.body.text).toMatch(/slot/);
    expect(client.output_('console')).toMatch(/written by (dlmalloc|malloc|sbrk|ReturnString)/);
    await client.request('disconnect');
    expect(await exitOf(child)).toBe(0);
  });

  it("a watch over a buffer a loop fills: the console has the step's first 1,000 hits, then how many more there were", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'memscope-dap-'));
    const program = join(dir, 'fill.wseq');
    // deepest(20) fills a 64-byte buffer in each of its 21 frames, a byte at a time: 1,344 writes.
    writeFileSync(program, `module "${join(EXAMPLES, 'heap-stack/stack.wasm')}"\nwatch stack @ 0x10000 [0x600]\nd = deepest(20)\n`);
    const { child, client } = await launched({ program });
    await client.waitEvent('terminated');
    const lines = client.output_('console').split('\n').filter((l) => l.startsWith('line 3: '));
    const hits = lines.filter((l) => l.startsWith('line 3: watch stack '));
    expect(hits).toHaveLength(1000);
    expect(hits[0]).toBe('line 3: watch stack [0x105c0, +1) written by deepest+0x30: 00 -> b4');
    expect(lines[lines.indexOf(hits[999]!) + 1]).toBe('line 3: … 344 more watch hits not kept');
    await client.request('disconnect');
    expect(await exitOf(child)).toBe(0);
  });
});

describe('memscope dap data breakpoints (live watches)', () => {
  /** A C struct read before the guest fills it, so its fields can be watched from the Variables view. */
  function structProgram(): { program: string; callLine: number } {
    const dir = mkdtempSync(join(tmpdir(), 'memscope-dap-'));
    const program = join(dir, 'struct.wseq');
    writeFileSync(program, [
      `module "${join(EXAMPLES, 'c-struct/c-struct.wasm')}"`,
      'p = malloc(32)',
      'pt = read {x: i32, y: i32, weight: f64} @ p',
      'point_init(p, 3, 4, 7)',
      'write i32 -7 @ p + 4',
      'd = point_manhattan(p)',
      '',
    ].join('\n'));
    return { program, callLine: 4 };
  }

  it('past its first 200, the Statics scope lists groups of 200, each read as it opens; a static in one is set and watched', async () => {
    const { child, client } = await stoppedOnEntry(join(PACKAGE_ROOT, 'src-main/engine/module/dwarf/testdata/many-statics.wseq'));
    const statics = await staticsOf(client);
    expect(statics.variables).toHaveLength(201);
    expect(statics.variables.slice(198).map(({ name, value }) => [name, value])).toEqual([
      ['g298', '298 (0x12a)'], ['g299', '299 (0x12b)'], ['[201–210]', '10 more of 210 statics: g300 … g309'],
    ]);
    const group = statics.variables[200]!.variablesReference;
    const rest = await variablesOf(client, group);
    expect(rest.map(({ name, value, memoryReference }) => [name, value, memoryReference]).slice(0, 2)).toEqual([['g300', '300 (0x12c)', '0x720'], ['g301', '301 (0x12d)', '0x724']]);
    expect(rest).toHaveLength(10);
    const set = await client.request<DebugProtocol.SetVariableResponse>('setVariable', { variablesReference: group, name: 'g309', value: '7' });
    expect(set.body.value).toBe('7');
    const info = await client.request<DebugProtocol.DataBreakpointInfoResponse>('dataBreakpointInfo', { variablesReference: group, name: 'g309' });
    expect(info.body.description).toBe('g309 [0x744, +4)');
    await client.request('disconnect');
    expect(await exitOf(child)).toBe(0);
  });

  it('past its first 200 blocks, the Heap scope lists groups of 200 by address; a block in one is watched', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'memscope-dap-heap-'));
    const program = join(dir, 'blocks.wseq');
    writeFileSync(program, [`module "${join(EXAMPLES, 'c-struct/c-struct.wasm')}"`, ...Array.from({ length: 205 }, (_, i) => `p${i} = malloc(8)`), 'mark "all"', ''].join('\n'));
    const child = adapter();
    const client = new DapClient(child.stdout, child.stdin);
    await start(client, { program, stopOnEntry: true });
    await client.request('setBreakpoints', { source: { path: program }, breakpoints: [{ line: 207 }] });
    await client.request('configurationDone');
    await client.waitEvent('stopped');
    await client.request('continue', { threadId: 1 });
    expect((await client.waitEvent<DebugProtocol.StoppedEvent>('stopped')).body.reason).toBe('breakpoint');
    const scopes = await client.request<DebugProtocol.ScopesResponse>('scopes', { frameId: 0 });
    const heap = await variablesOf(client, scopes.body.scopes.find((x) => x.name === 'Heap')!.variablesReference);
    expect(heap).toHaveLength(201);
    const group = heap[200]!;
    expect(group.name).toBe('[201–205]');
    expect(group.value).toMatch(/^5 more of 205 live blocks: 0x[0-9a-f]+ … 0x[0-9a-f]+$/);
    const rest = await variablesOf(client, group.variablesReference);
    expect(rest).toHaveLength(5);
    expect(rest[0]).toMatchObject({ name: group.value.split(': ')[1]!.split(' … ')[0], value: '12 bytes, host (malloc), line 202' });
    const info = await client.request<DebugProtocol.DataBreakpointInfoResponse>('dataBreakpointInfo', { variablesReference: group.variablesReference, name: rest[4]!.name });
    expect(info.body.description).toBe(`block ${rest[4]!.name} [${rest[4]!.name}, +12)`);
    await client.request('disconnect');
    expect(await exitOf(child)).toBe(0);
  });

  it('a data breakpoint on a static from the Statics scope stops at the C line that writes it', async () => {
    const program = join(PACKAGE_ROOT, 'src-main/engine/module/dwarf/testdata/statics.wseq');
    const { child, client } = await stoppedOnEntry(program);
    const statics = await staticsOf(client);
    const info = await client.request<DebugProtocol.DataBreakpointInfoResponse>('dataBreakpointInfo', { variablesReference: statics.reference, name: 'table' });
    expect(info.body).toMatchObject({ description: 'table [0x43c, +4)', accessTypes: ['write'] });
    const set = await client.request<DebugProtocol.SetDataBreakpointsResponse>('setDataBreakpoints', { breakpoints: [{ dataId: info.body.dataId!, accessType: 'write' }] });
    expect(set.success, set.message).toBe(true);
    await client.request('continue', { threadId: 1 });
    const hit = await client.waitEvent<DebugProtocol.StoppedEvent>('stopped');
    expect(hit.body.reason).toBe('data breakpoint');
    expect(hit.body.description).toMatch(/^watch 'table' was written by put\+0x74 \(statics\.c:16:9\): 00 00 00 00 → 70 06 01 00 .*; table = 0x10670, was 0x0$/);
    const trace = await client.request<DebugProtocol.StackTraceResponse>('stackTrace', { threadId: 1 });
    expect(trace.body.stackFrames[1]).toMatchObject({ name: 'put', line: 16, source: { name: 'statics.c' } });
    // put's frame has Locals: its parameters, which clang without -O keeps in its stack frame,
    // read at the frame base the stop saw (the strings the sequence wrote: "key" and "value").
    const frameScopes = await client.request<DebugProtocol.ScopesResponse>('scopes', { frameId: trace.body.stackFrames[1]!.id });
    expect(frameScopes.body.scopes.map((x) => x.name)).toEqual(['Locals']);
    const locals = await client.request<DebugProtocol.VariablesResponse>('variables', { variablesReference: frameScopes.body.scopes[0]!.variablesReference });
    expect(locals.body.variables.map(({ name, value, type }) => [name, value, type])).toEqual([['k', '0x10650 "key"', 'const char *'], ['v', '0x10660 "value"', 'const char *']]);
    // A local's bytes can be watched too: they are in the stack frame, which later calls reuse.
    const watchK = await client.request<DebugProtocol.DataBreakpointInfoResponse>('dataBreakpointInfo', { variablesReference: frameScopes.body.scopes[0]!.variablesReference, name: 'k' });
    expect(watchK.body).toMatchObject({ description: expect.stringMatching(/^k \(in the stack frame\) \[0x[0-9a-f]+, \+4\)$/), accessTypes: ['write'] });
    // Set Value at the pause: k points at "value" from here on, so put() copies that as the key.
    const setLocal = await client.request<DebugProtocol.SetVariableResponse>('setVariable', { variablesReference: frameScopes.body.scopes[0]!.variablesReference, name: 'k', value: '0x10660' });
    // Its answer reads as the Variables view will: the pointer with the text it points at now.
    expect([setLocal.success, setLocal.body?.value]).toEqual([true, '0x10660 "value"']);
    // Hovering a name in put's C source: a local, else a static (count is not incremented yet).
    const hover = async (expression: string) => (await client.request<DebugProtocol.EvaluateResponse>('evaluate',
      { expression, frameId: trace.body.stackFrames[1]!.id, context: 'hover' })).body.result;
    expect([await hover('k'), await hover('count'), await hover('table')]).toEqual(['0x10660 "value"', '0', '0x10670']);
    // The Heap scope: the block table now points at is typed by table's DWARF type.
    const after = await client.request<DebugProtocol.ScopesResponse>('scopes', { frameId: 0 });
    const heap = after.body.scopes.find((x) => x.name === 'Heap')!;
    const blocks = await client.request<DebugProtocol.VariablesResponse>('variables', { variablesReference: heap.variablesReference });
    const block = blocks.body.variables.find((v) => v.name === '0x10670')!;
    expect(block.value).toMatch(/, what table points at \(pair\)$/);
    // It expands as the Heap panel opens it: its one pair, and that pair's members.
    const elements = await client.request<DebugProtocol.VariablesResponse>('variables', { variablesReference: block.variablesReference });
    expect(elements.body.variables.map(({ name, memoryReference }) => [name, memoryReference])).toEqual([['[0]', '0x10670']]);
    const members = await client.request<DebugProtocol.VariablesResponse>('variables', { variablesReference: elements.body.variables[0]!.variablesReference });
    expect(members.body.variables.map(({ name, type }) => [name, type])).toEqual([['key', 'char *'], ['val', 'char *']]);
    // The pointer itself expands into what it points at, as its DWARF type says.
    const table = (await staticsOf(client)).variables.find((v) => v.name === 'table')!;
    expect(table.value).toBe('0x10670');
    const pointed = await client.request<DebugProtocol.VariablesResponse>('variables', { variablesReference: table.variablesReference });
    expect(pointed.body.variables.map(({ name, type, memoryReference }) => [name, type, memoryReference])).toEqual([['key', 'char *', '0x10670'], ['val', 'char *', '0x10674']]);
    const key = await client.request<DebugProtocol.DataBreakpointInfoResponse>('dataBreakpointInfo', { variablesReference: table.variablesReference, name: 'key' });
    expect(key.body.description).toBe('table[0].key [0x10670, +4)');
    // At `free(k)` (line 8), put() has returned: a `char *` reads with the text it points at, a `char` as its character.
    await client.request('setBreakpoints', { source: { path: program }, breakpoints: [{ line: 8 }] });
    await client.request('continue', { threadId: 1 });
    expect((await client.waitEvent<DebugProtocol.StoppedEvent>('stopped')).body.reason).toBe('breakpoint');
    const staticsLater = (await staticsOf(client)).variables;
    const pair = await client.request<DebugProtocol.VariablesResponse>('variables', { variablesReference: staticsLater.find((v) => v.name === 'table')!.variablesReference });
    // put() went on from the pause with the k set there.
    expect(pair.body.variables.map(({ name, value }) => [name, value])).toEqual([['key', '0x10680 "value"'], ['val', '0x10690 "value"']]);
    const chars = await client.request<DebugProtocol.VariablesResponse>('variables', { variablesReference: pair.body.variables[0]!.variablesReference });
    expect(chars.body.variables.map(({ name, value }) => [name, value])).toEqual([['[0]', "118 'v'"]]);
    await client.request('disconnect');
    expect(await exitOf(child)).toBe(0);
  });

  it("a data breakpoint on a local stops at the next write to it in the paused call, and ends when that call returns", async () => {
    // frames.wseq: paused at the loop's first write to last.x.
    const { child, client, frames } = await pausedInScale('frames.wseq');
    const frameScopes = await client.request<DebugProtocol.ScopesResponse>('scopes', { frameId: frames[1]!.id });
    const info = await client.request<DebugProtocol.DataBreakpointInfoResponse>('dataBreakpointInfo', { variablesReference: frameScopes.body.scopes[0]!.variablesReference, name: 'i' });
    // A frame's bytes mean nothing in another session: not kept across sessions.
    expect(info.body).toMatchObject({ dataId: expect.stringMatching(/^0x[0-9a-f]+\/4@3\/i \(in the stack frame\)$/), canPersist: false });
    const set = await client.request<DebugProtocol.SetDataBreakpointsResponse>('setDataBreakpoints', { breakpoints: [{ dataId: info.body.dataId! }] });
    expect(set.body.breakpoints[0]).toMatchObject({ verified: true });
    // Going on stops at i++ (after the paused write, never back at the call's start), then the
    // loop's second write to last.x, then i++ again.
    const stops: string[] = [];
    for (let k = 0; k < 3; k++) {
      await client.request('continue', { threadId: 1 });
      stops.push((await client.waitEvent<DebugProtocol.StoppedEvent>('stopped')).body.description!.replace(/ at 0x.*\)(;|$)/, '$1'));
    }
    // Each reads as the variable it wrote, the local's in the stop's frame.
    expect(stops).toEqual([
      "watch 'i (in the stack frame)' was written by scale+0xf9 (frames.c:15:27): 00 00 00 00 → 01 00 00 00; i = 1, was 0",
      "watch 'last_x' was written by scale+0xdc (frames.c:17:12): 06 00 00 00 → 10 00 00 00; last.x = 16 (0x10), was 6",
      "watch 'i (in the stack frame)' was written by scale+0xf9 (frames.c:15:27): 01 00 00 00 → 02 00 00 00; i = 2, was 1",
    ]);
    // scale() returns: the breakpoint ends there, and the client and the debug console are told.
    await client.request('continue', { threadId: 1 });
    const removed = await client.waitEvent<DebugProtocol.BreakpointEvent>('breakpoint');
    expect(removed.body).toMatchObject({ reason: 'removed', breakpoint: { id: set.body.breakpoints[0]!.id } });
    await client.waitEvent('terminated');
    expect(client.output_('console')).toContain("data breakpoint i (in the stack frame) removed: its function returned (in the call of step 4), and later calls reuse its frame's bytes\n");
    // Sent again once that call is gone (a client that kept it): refused, saying why.
    const again = await client.request<DebugProtocol.SetDataBreakpointsResponse>('setDataBreakpoints', { breakpoints: [{ dataId: info.body.dataId! }] });
    expect(again.body.breakpoints[0]).toMatchObject({ verified: false, message: 'i (in the stack frame): the call of step 4 whose frame held it has returned, and later calls reuse its bytes' });
    await client.request('disconnect');
    expect(await exitOf(child)).toBe(0);
  });

  it("a name given with a guest frame's id (the Watch view's Break on Value Change) is that frame's local or the static, as evaluate reads it there", async () => {
    const { child, client, frames } = await pausedInScale('frames.wseq');
    const frameId = frames[1]!.id;
    const local = await client.request<DebugProtocol.DataBreakpointInfoResponse>('dataBreakpointInfo', { name: 'i', frameId });
    expect(local.body).toMatchObject({ dataId: expect.stringMatching(/^0x[0-9a-f]+\/4@3\/i \(in the stack frame\)$/), canPersist: false });
    const evaluated = await client.request<DebugProtocol.EvaluateResponse>('evaluate', { expression: 'i', frameId, context: 'watch' });
    expect(local.body.dataId!.split('/')[0]).toBe(evaluated.body.memoryReference);
    const global = await client.request<DebugProtocol.DataBreakpointInfoResponse>('dataBreakpointInfo', { name: 'last', frameId });
    expect(global.body).toMatchObject({ dataId: expect.stringMatching(/^0x[0-9a-f]+\/8\/last$/), canPersist: true });
    // The sequence line's frame: the sequence's names, where i is none.
    const sequence = await client.request<DebugProtocol.DataBreakpointInfoResponse>('dataBreakpointInfo', { name: 'i', frameId: 0 });
    expect(sequence.body).toMatchObject({ dataId: null, description: expect.stringMatching(/unknown name 'i'/) });
    await client.request('disconnect');
    expect(await exitOf(child)).toBe(0);
  });

  it("a caller's frame has Locals too, and Set Value there is what the call goes on with", async () => {
    // frames-caller.wseq: scale() paused in was called by scale_twice().
    const { child, client, frames } = await pausedInScale('frames-caller.wseq');
    expect(frames.map((f) => f.name)).toEqual(['r = scale_twice(&input, 2)', 'scale', 'scale_twice']);
    // Each guest frame at its line: the write in scale, the first call of scale in scale_twice.
    expect(frames.slice(1).map((f) => [f.source?.name, f.line, f.column])).toEqual([['frames.c', 17, 12], ['frames.c', 27, 15]]);
    const outer = frames[2]!.id;
    const scopes = await client.request<DebugProtocol.ScopesResponse>('scopes', { frameId: outer });
    expect(scopes.body.scopes.map((x) => x.name)).toEqual(['Locals']);
    const locals = await variablesOf(client, scopes.body.scopes[0]!.variablesReference);
    expect(locals.map(({ name, value }) => [name, value])).toEqual([['p', '0x400'], ['factor', '2'], ['first', '0'], ['second', '0']]);
    // Hovering `factor` in scale_twice's source reads its own, not scale's.
    const hover = await client.request<DebugProtocol.EvaluateResponse>('evaluate', { expression: 'factor', frameId: outer, context: 'hover' });
    expect(hover.body.result).toBe('2');
    // Its factor set to 5 at the pause: the second call of scale() gets factor + 1 = 6 (3 · 6 =
    // 0x12 in last.x), and r is 24 + 52, not the 24 + 31 the sequence's `expect r == 55` wants.
    const set = await client.request<DebugProtocol.SetVariableResponse>('setVariable', { variablesReference: scopes.body.scopes[0]!.variablesReference, name: 'factor', value: '5' });
    expect([set.success, set.body?.value]).toEqual([true, '5']);
    const stops: string[] = [];
    let stop: DebugProtocol.StoppedEvent;
    do {
      await client.request('continue', { threadId: 1 });
      stop = await client.waitEvent<DebugProtocol.StoppedEvent>('stopped');
      stops.push(`${stop.body.reason}: ${(stop.body.text ?? stop.body.description ?? '').replace(/ at 0x.*$/s, '')}`);
    } while (stop.body.reason === 'data breakpoint' && stops.length < 6);
    expect(stops).toEqual([
      "data breakpoint: watch 'last_x' was written by scale+0xdc (frames.c:17:12): 06 00 00 00 → 10 00 00 00",
      "data breakpoint: watch 'last_x' was written by scale+0xdc (frames.c:17:12): 10 00 00 00 → 12 00 00 00",
      "data breakpoint: watch 'last_x' was written by scale+0xdc (frames.c:17:12): 12 00 00 00 → 1c 00 00 00",
      'exception: expected r == 55, but r is 76 (0x4c)',
    ]);
    await client.request('disconnect');
    expect(await exitOf(child)).toBe(0);
  });

  it('a data breakpoint on a struct field stops at its writer, memory as right after the write', async () => {
    const { program, callLine } = structProgram();
    const child = adapter();
    const client = new DapClient(child.stdout, child.stdin);
    // Launched without traceWrites: setting the breakpoint turns tracing on by replaying.
    const init = await start(client, { program, deterministic: true });
    expect(init.body).toMatchObject({ supportsDataBreakpoints: true, supportsDataBreakpointBytes: true });
    await client.request('setBreakpoints', { source: { path: program }, breakpoints: [{ line: callLine }] });
    await client.request('configurationDone');
    expect((await client.waitEvent<DebugProtocol.StoppedEvent>('stopped')).body.reason).toBe('breakpoint');

    const scopes = await client.request<DebugProtocol.ScopesResponse>('scopes', { frameId: 0 });
    const bindings = await client.request<DebugProtocol.VariablesResponse>('variables', { variablesReference: scopes.body.scopes[0]!.variablesReference });
    const pt = bindings.body.variables.find((v) => v.name === 'pt')!;
    const p = Number(bindings.body.variables.find((v) => v.name === 'p')!.value.split(' ')[0]);
    const info = await client.request<DebugProtocol.DataBreakpointInfoResponse>('dataBreakpointInfo', { variablesReference: pt.variablesReference, name: 'y' });
    expect(info.body).toMatchObject({ description: `y [0x${(p + 4).toString(16)}, +4)`, accessTypes: ['write'] });
    // A number binding is the sequence's own copy: no data breakpoint on it, and it says why.
    const copy = await client.request<DebugProtocol.DataBreakpointInfoResponse>('dataBreakpointInfo', { variablesReference: scopes.body.scopes[0]!.variablesReference, name: 'p' });
    expect(copy.body.dataId).toBeNull();
    expect(copy.body.description).toMatch(/not memory/);

    const set = await client.request<DebugProtocol.SetDataBreakpointsResponse>('setDataBreakpoints', { breakpoints: [{ dataId: info.body.dataId!, accessType: 'write' }] });
    expect(set.success, set.message).toBe(true);
    expect(set.body.breakpoints).toEqual([{ id: expect.any(Number), verified: true, message: `y [0x${(p + 4).toString(16)}, +4)` }]);
    await client.request('continue', { threadId: 1 });
    const hit = await client.waitEvent<DebugProtocol.StoppedEvent>('stopped');
    expect(hit.body.reason).toBe('data breakpoint');
    expect(hit.body.description).toMatch(/^watch 'y' was written by point_init\+0x20: 00 00 00 00 → 04 00 00 00 at 0x[0-9a-f]+, in step 3 \(line 4: point_init\(p, 3, 4, 7\)\)$/);
    expect(hit.body.hitBreakpointIds).toEqual([set.body.breakpoints[0]!.id]);
    const trace = await client.request<DebugProtocol.StackTraceResponse>('stackTrace', { threadId: 1 });
    expect(trace.body.stackFrames.map((f) => f.name)).toEqual(['point_init(p, 3, 4, 7)', 'point_init']);
    expect(trace.body.stackFrames[0]!.line).toBe(callLine);
    // x and y are written, weight (the next store) is not.
    const mem = await client.request<DebugProtocol.ReadMemoryResponse>('readMemory', { memoryReference: `0x${p.toString(16)}`, count: 16 });
    expect([...Buffer.from(mem.body!.data!, 'base64')]).toEqual([3, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

    // Continue: the call runs again past that write and ends; the host's write to y stops next.
    const go = await client.request('continue', { threadId: 1 });
    expect(go.success, go.message).toBe(true);
    const next = await client.waitEvent<DebugProtocol.StoppedEvent>('stopped');
    expect(next.body.description).toMatch(/^watch 'y' was written by host: 04 00 00 00 → f9 ff ff ff at 0x[0-9a-f]+, in step 4 \(line 5: write i32 -7 @ p \+ 4\)$/);
    await client.request('continue', { threadId: 1 });
    expect((await client.waitEvent<DebugProtocol.ExitedEvent>('exited')).body.exitCode).toBe(0);
    const scopesEnd = await client.request<DebugProtocol.ScopesResponse>('scopes', { frameId: 0 });
    const end = await client.request<DebugProtocol.VariablesResponse>('variables', { variablesReference: scopesEnd.body.scopes[0]!.variablesReference });
    expect(end.body.variables.find((v) => v.name === 'd')?.value).toMatch(/^10\b/);
    await client.request('disconnect');
    expect(await exitOf(child)).toBe(0);
  });

  it('one write over two data breakpoints (the struct and its field) is one stop that names both', async () => {
    const { program, callLine } = structProgram();
    const child = adapter();
    const client = new DapClient(child.stdout, child.stdin);
    await start(client, { program, traceWrites: true, deterministic: true });
    await client.request('setBreakpoints', { source: { path: program }, breakpoints: [{ line: callLine }] });
    await client.request('configurationDone');
    await client.waitEvent<DebugProtocol.StoppedEvent>('stopped');
    const scopes = await client.request<DebugProtocol.ScopesResponse>('scopes', { frameId: 0 });
    const bindings = await client.request<DebugProtocol.VariablesResponse>('variables', { variablesReference: scopes.body.scopes[0]!.variablesReference });
    const pt = bindings.body.variables.find((v) => v.name === 'pt')!;
    const whole = await client.request<DebugProtocol.DataBreakpointInfoResponse>('dataBreakpointInfo', { variablesReference: scopes.body.scopes[0]!.variablesReference, name: 'pt' });
    const field = await client.request<DebugProtocol.DataBreakpointInfoResponse>('dataBreakpointInfo', { variablesReference: pt.variablesReference, name: 'y' });
    const set = await client.request<DebugProtocol.SetDataBreakpointsResponse>('setDataBreakpoints', { breakpoints: [{ dataId: whole.body.dataId! }, { dataId: field.body.dataId! }] });
    const [wholeId, fieldId] = set.body.breakpoints.map((b) => b.id);
    const stops: [string, number[]][] = [];
    for (let i = 0; i < 3; i++) {
      await client.request('continue', { threadId: 1 });
      const stop = await client.waitEvent<DebugProtocol.StoppedEvent>('stopped');
      stops.push([(stop.body.description ?? '').replace(/ at 0x.*?(;|,)/, '$1').replace(/point_init\+0x[0-9a-f]+/, 'point_init'), stop.body.hitBreakpointIds ?? []]);
    }
    // x's write, y's (once, both breakpoints hit), weight's: never y's twice.
    expect(stops).toEqual([
      ["watch 'pt' was written by point_init: 00 00 00 00 → 03 00 00 00, in step 3 (line 4: point_init(p, 3, 4, 7))", [wholeId]],
      ["watch 'pt' was written by point_init: 00 00 00 00 → 04 00 00 00; the same write hit watch 'y', in step 3 (line 4: point_init(p, 3, 4, 7))", [fieldId, wholeId]],
      [expect.stringMatching(/^watch 'pt' was written by point_init: 00 00 00 00 00 00 00 00 → 00 00 00 00 00 00 14 40, in step 3/), [wholeId]],
    ]);
    await client.request('disconnect');
    expect(await exitOf(child)).toBe(0);
  });

  it('reverse continue with a data breakpoint goes back to each earlier write that changed it, then to the start', async () => {
    const { program, callLine } = structProgram();
    const child = adapter();
    const client = new DapClient(child.stdout, child.stdin);
    await start(client, { program, traceWrites: true, deterministic: true });
    await client.request('setBreakpoints', { source: { path: program }, breakpoints: [{ line: callLine + 2 }] });
    await client.request('configurationDone');
    expect((await client.waitEvent<DebugProtocol.StoppedEvent>('stopped')).body.reason).toBe('breakpoint');
    const scopes = await client.request<DebugProtocol.ScopesResponse>('scopes', { frameId: 0 });
    const bindings = await client.request<DebugProtocol.VariablesResponse>('variables', { variablesReference: scopes.body.scopes[0]!.variablesReference });
    const p = Number(bindings.body.variables.find((v) => v.name === 'p')!.value.split(' ')[0]);
    const pt = bindings.body.variables.find((v) => v.name === 'pt')!;
    const info = await client.request<DebugProtocol.DataBreakpointInfoResponse>('dataBreakpointInfo', { variablesReference: pt.variablesReference, name: 'y' });
    const set = await client.request<DebugProtocol.SetDataBreakpointsResponse>('setDataBreakpoints', { breakpoints: [{ dataId: info.body.dataId!, accessType: 'write' }] });
    await client.request('setBreakpoints', { source: { path: program }, breakpoints: [] });
    const y = async () => [...Buffer.from((await client.request<DebugProtocol.ReadMemoryResponse>('readMemory', { memoryReference: `0x${(p + 4).toString(16)}`, count: 4 })).body!.data!, 'base64')];

    // Back from line 6: the host's write on line 5 first, stopped as a forward data breakpoint stops.
    expect((await client.request('reverseContinue', { threadId: 1 })).success).toBe(true);
    const host = await client.waitEvent<DebugProtocol.StoppedEvent>('stopped');
    expect(host.body).toMatchObject({ reason: 'data breakpoint', hitBreakpointIds: [set.body.breakpoints[0]!.id] });
    expect(host.body.description).toMatch(/^watch 'y' was written by host: 04 00 00 00 → f9 ff ff ff at 0x[0-9a-f]+, in step 4 \(line 5: write i32 -7 @ p \+ 4\)$/);
    expect(await y()).toEqual([0xf9, 0xff, 0xff, 0xff]);
    // Then point_init's write, memory as right after it, its frame below the sequence line.
    await client.request('reverseContinue', { threadId: 1 });
    const guest = await client.waitEvent<DebugProtocol.StoppedEvent>('stopped');
    expect(guest.body.description).toMatch(/^watch 'y' was written by point_init\+0x20: 00 00 00 00 → 04 00 00 00 at 0x[0-9a-f]+, in step 3 \(line 4: point_init\(p, 3, 4, 7\)\)$/);
    const trace = await client.request<DebugProtocol.StackTraceResponse>('stackTrace', { threadId: 1 });
    expect(trace.body.stackFrames.map((f) => [f.name, f.line])).toEqual([['point_init(p, 3, 4, 7)', callLine], ['point_init', 0]]);
    expect(await y()).toEqual([4, 0, 0, 0]);
    // Nothing wrote y before: the start.
    await client.request('reverseContinue', { threadId: 1 });
    expect((await client.waitEvent<DebugProtocol.StoppedEvent>('stopped')).body.reason).toBe('entry');
    // Forward again: both writes stop, then the end.
    await client.request('continue', { threadId: 1 });
    expect((await client.waitEvent<DebugProtocol.StoppedEvent>('stopped')).body.description).toMatch(/by point_init\+0x20/);
    await client.request('continue', { threadId: 1 });
    expect((await client.waitEvent<DebugProtocol.StoppedEvent>('stopped')).body.description).toMatch(/by host/);
    await client.request('continue', { threadId: 1 });
    expect((await client.waitEvent<DebugProtocol.ExitedEvent>('exited')).body.exitCode).toBe(0);
    await client.request('disconnect');
    expect(await exitOf(child)).toBe(0);
  });

  it('an expression or an address with a size; cleared, the program runs to its end', async () => {
    const { program, callLine } = structProgram();
    const child = adapter();
    const client = new DapClient(child.stdout, child.stdin);
    await start(client, { program, traceWrites: true });
    await client.request('setBreakpoints', { source: { path: program }, breakpoints: [{ line: callLine }] });
    await client.request('configurationDone');
    await client.waitEvent('stopped');
    const byExpression = await client.request<DebugProtocol.DataBreakpointInfoResponse>('dataBreakpointInfo', { name: 'p + 8', bytes: 8 });
    expect(byExpression.body.description).toMatch(/^p \+ 8 \[0x[0-9a-f]+, \+8\)$/);
    const byAddress = await client.request<DebugProtocol.DataBreakpointInfoResponse>('dataBreakpointInfo', { name: '0x10', asAddress: true });
    expect(byAddress.body.description).toBe('0x10 [0x10, +4)');
    const reads = await client.request<DebugProtocol.SetDataBreakpointsResponse>('setDataBreakpoints', { breakpoints: [{ dataId: byExpression.body.dataId!, accessType: 'read' }] });
    expect(reads.body.breakpoints[0]).toMatchObject({ verified: false, message: expect.stringMatching(/only writes/) });
    const set = await client.request<DebugProtocol.SetDataBreakpointsResponse>('setDataBreakpoints', { breakpoints: [{ dataId: byExpression.body.dataId! }] });
    expect(set.body.breakpoints[0]!.verified).toBe(true);
    const cleared = await client.request<DebugProtocol.SetDataBreakpointsResponse>('setDataBreakpoints', { breakpoints: [] });
    expect(cleared.body.breakpoints).toEqual([]);
    await client.request('continue', { threadId: 1 });
    expect((await client.waitEvent<DebugProtocol.ExitedEvent>('exited')).body.exitCode).toBe(0);
    await client.request('disconnect');
    expect(await exitOf(child)).toBe(0);
  });
});

describe('memscope dap --port', () => {
  it('serves a client on 127.0.0.1', async () => {
    const { port } = await portAdapter();
    const { socket, client } = portClient(port);
    await start(client, { program: join(EXAMPLES, 'multi-value/multi-value.wseq') });
    await client.request('configurationDone');
    expect((await client.waitEvent<DebugProtocol.ExitedEvent>('exited')).body.exitCode).toBe(0);
    await client.waitEvent('terminated');
    await client.request('disconnect');
    socket.destroy();
  });

  it("one client's malformed request is an error for it alone: the server and its other clients go on", async () => {
    const { child, port } = await portAdapter();
    const one = portClient(port);
    const other = portClient(port);
    await start(one.client, { program: join(EXAMPLES, 'return-string/return-string.wseq'), stopOnEntry: true });
    await other.client.request('initialize', { adapterID: 'memscope' });
    await expectRefused(one.client, 'evaluate', {}, 'evaluate: expression must be a string');
    expect((await other.client.request('threads')).success).toBe(true);
    expect(child.exitCode).toBeNull();
    one.socket.destroy();
    other.socket.destroy();
  });

  it.skipIf(process.platform !== 'linux')('a client whose socket drops mid-step has its guest ended; the server serves the next client', async () => {
    const { child, port } = await portAdapter();
    const one = portClient(port);
    await start(one.client, { program: spinProgram() });
    await one.client.request('configurationDone');
    // spin() keeps a core busy until its worker is ended.
    expect(await cpuComesTo(child.pid!, (share) => share > 0.25)).toBe(true);
    one.socket.destroy();
    expect(await cpuComesTo(child.pid!, (share) => share < 0.1)).toBe(true);
    const next = portClient(port);
    await start(next.client, { program: join(EXAMPLES, 'multi-value/multi-value.wseq') });
    await next.client.request('configurationDone');
    expect((await next.client.waitEvent<DebugProtocol.ExitedEvent>('exited')).body.exitCode).toBe(0);
    next.socket.destroy();
  });
});

describe('the VS Code extension folder', () => {
  const folder = join(PACKAGE_ROOT, 'resources/vscode-extension');
  const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));

  it('contributes the memscope debug type with the launch arguments the adapter takes', () => {
    const debuggerEntry = manifest.contributes.debuggers[0];
    expect(debuggerEntry.type).toBe('memscope');
    const launch = debuggerEntry.configurationAttributes.launch;
    expect(launch.required).toEqual(['program']);
    expect(Object.keys(launch.properties).sort()).toEqual(['deterministic', 'module', 'program', 'stopOnEntry', 'traceWrites']);
    expect(debuggerEntry.configurationSnippets.length).toBeGreaterThan(0);
    expect(manifest.contributes.breakpoints).toEqual([{ language: 'wseq' }]);
  });

  it('its boolean launch arguments default to what the adapter does when they are absent (false)', () => {
    const properties = manifest.contributes.debuggers[0].configurationAttributes.launch.properties;
    expect(checkLaunchArgs({ program: 'x.wseq' })).toEqual({ program: 'x.wseq' });
    for (const flag of ['deterministic', 'stopOnEntry', 'traceWrites']) expect([flag, properties[flag].default]).toEqual([flag, false]);
  });

  /**
   * adapter.cjs started as VS Code starts a "runtime": "node" adapter: on VS Code's Electron
   * binary with ELECTRON_RUN_AS_NODE set, which a `-e` prelude deletes before loading the file.
   * Here Node plays Electron (process.versions.electron, and `node` when given: its Node version).
   */
  function extensionAdapter(env: Record<string, string>, electron?: { node?: string }): { child: ChildProcessWithoutNullStreams; client: DapClient } {
    const fake = electron ? `Object.defineProperty(process.versions, 'electron', { value: '37.2.0' });${electron.node ? `Object.defineProperty(process.versions, 'node', { value: '${electron.node}' });` : ''}` : '';
    const prelude = electron ? ['-e', `${fake}delete process.env.ELECTRON_RUN_AS_NODE; require(process.argv[1])`] : [];
    const child = spawn(process.execPath, [...prelude, join(folder, 'adapter.cjs')], { cwd: tmpdir(), env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', ...env } });
    children.push(child);
    return { child, client: new DapClient(child.stdout, child.stdin) };
  }

  /** The adapter could not start memscope: initialize is answered with `message` for VS Code to show; disconnect ends it with 1. */
  async function expectStartFailure(client: DapClient, child: ChildProcessWithoutNullStreams, message: string | RegExp): Promise<void> {
    const init = await client.request('initialize', { adapterID: 'memscope' });
    expect(init.success).toBe(false);
    expect(init.message).toMatch(message);
    expect((init.body as DebugProtocol.ErrorResponse['body']).error).toMatchObject({ format: '{_message}', variables: { _message: init.message }, showUser: true });
    expect((await client.request('disconnect')).success).toBe(true);
    expect(await exitOf(child)).toBe(1);
  }

  it("on VS Code's Electron, memscope runs with ELECTRON_RUN_AS_NODE=1 (spawned bare, that binary would open another VS Code)", async () => {
    const bin = join(mkdtempSync(join(tmpdir(), 'memscope-ext-')), 'memscope.js');
    // A stand-in memscope that says how it was started, and ends without answering.
    writeFileSync(bin, "process.stderr.write(`ELECTRON_RUN_AS_NODE=${process.env.ELECTRON_RUN_AS_NODE ?? 'unset'}`); process.exit(3);\n");
    const { child, client } = extensionAdapter({ MEMSCOPE_BIN: bin }, {});
    await expectStartFailure(client, child, `memscope dap (${bin} on VS Code's Node ${process.versions.node}) ended before answering, exit code 3: ELECTRON_RUN_AS_NODE=1`);
    // The real one, started the same way, debugs.
    const real = extensionAdapter({}, {});
    await start(real.client, { program: join(EXAMPLES, 'multi-value/multi-value.wseq') });
    await real.client.request('configurationDone');
    expect((await real.client.waitEvent<DebugProtocol.ExitedEvent>('exited')).body.exitCode).toBe(0);
    await real.client.request('disconnect');
    expect(await exitOf(real.child)).toBe(0);
  });

  it('when memscope cannot start, VS Code is told why: not built, MEMSCOPE_BIN wrong, no Node new enough', async () => {
    const unbuilt = join(mkdtempSync(join(tmpdir(), 'memscope-ext-')), 'bin');
    mkdirSync(unbuilt);
    copyFileSync(BIN, join(unbuilt, 'memscope.js'));
    const notBuilt = extensionAdapter({ MEMSCOPE_BIN: join(unbuilt, 'memscope.js') });
    await expectStartFailure(notBuilt.client, notBuilt.child, /ended before answering, exit code 70: memscope: the build is missing \(out\/main\/cli\.cjs\); run `npm run build`/);
    const wrong = extensionAdapter({ MEMSCOPE_BIN: '/nowhere/memscope.js' });
    await expectStartFailure(wrong.client, wrong.child, 'MEMSCOPE_BIN is /nowhere/memscope.js, which does not exist: set it to the bin/memscope.js of a Memscope checkout, or unset it');
    const old = extensionAdapter({ PATH: join(tmpdir(), 'memscope-no-such-dir') }, { node: '16.17.1' });
    await expectStartFailure(old.client, old.child, `cannot start ${BIN} on node on PATH (VS Code's own Node 16.17.1 is older than Memscope needs, ^20.19.0 || >=22.12.0): there is no \`node\` on PATH`);
  });

  it('its adapter program starts memscope dap, which answers over stdio', async () => {
    const child = spawn(process.execPath, [join(folder, 'adapter.cjs')], { cwd: PACKAGE_ROOT });
    children.push(child);
    const client = new DapClient(child.stdout, child.stdin);
    await start(client, { program: join(EXAMPLES, 'multi-value/multi-value.wseq'), stopOnEntry: true });
    await client.request('configurationDone');
    expect((await client.waitEvent<DebugProtocol.StoppedEvent>('stopped')).body.reason).toBe('entry');
    await client.request('continue', { threadId: 1 });
    await client.waitEvent('terminated');
    await client.request('disconnect');
    expect(await exitOf(child)).toBe(0);
  });
});
