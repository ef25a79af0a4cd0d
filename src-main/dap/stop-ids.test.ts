// Third sweep of `memscope dap`: frame ids that name one stop's frames (a guest frame's id kept
// from an earlier stop was answered for whatever frame the new stop had there), events a client
// did not ask for (memory), a code offset sent as if it were a memory address, guest output in
// many tiny events, and the requests at the edges: terminate while a step runs, a restart's
// disconnect, breakpoints past the last step, the exceptionInfo of a failed expect.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { launchedAdapters, type DapClient } from './testing/dap-client.ts';
import { sequenceFile, spinProgram } from './testing/programs.ts';
import { PACKAGE_ROOT } from '../paths.ts';

const EXAMPLES = join(PACKAGE_ROOT, 'resources/examples');
const launched = launchedAdapters();

async function trace(client: DapClient): Promise<DebugProtocol.StackFrame[]> {
  return (await client.request<DebugProtocol.StackTraceResponse>('stackTrace', { threadId: 1 })).body.stackFrames;
}

describe('memscope dap frame ids', () => {
  it("a guest frame's id is this stop's: kept from an earlier stop it is refused, and the sequence line stays frame 0", async () => {
    // frames.wseq: `watch last_x … stop` pauses in scale() at each write to last.x.
    const client = await launched({ program: join(PACKAGE_ROOT, 'src-main/engine/module/dwarf/testdata/frames.wseq') });
    await client.request('configurationDone');
    await client.waitEvent('stopped');
    const first = await trace(client);
    expect(first.map((f) => f.name)).toEqual(['r = scale(&input, 2)', 'scale']);
    expect(first[0]!.id).toBe(0);
    await client.request('continue', { threadId: 1 });
    await client.waitEvent('stopped');
    const second = await trace(client);
    expect(second.map((f) => f.name)).toEqual(['r = scale(&input, 2)', 'scale']);
    expect(second[0]!.id).toBe(0);
    expect(second[1]!.id).not.toBe(first[1]!.id);
    // The same stop asked again: the same ids (VS Code asks stackTrace in pieces).
    expect((await trace(client)).map((f) => f.id)).toEqual(second.map((f) => f.id));
    const stale = first[1]!.id;
    const scopes = await client.request('scopes', { frameId: stale });
    expect([scopes.success, scopes.message]).toEqual([false,
      `scopes: no frame ${stale} at this stop: its stack has frames 0, ${second[1]!.id} (stackTrace lists them; a frame's id ends when the program moves on)`]);
    const evaluated = await client.request('evaluate', { expression: 'i', frameId: stale, context: 'watch' });
    expect(evaluated.success).toBe(false);
    const info = await client.request('dataBreakpointInfo', { name: 'i', frameId: stale });
    expect(info.success).toBe(false);
    // This stop's id answers as before.
    const locals = await client.request<DebugProtocol.ScopesResponse>('scopes', { frameId: second[1]!.id });
    expect(locals.body.scopes.map((s) => s.name)).toEqual(['Locals']);
    expect((await client.request<DebugProtocol.EvaluateResponse>('evaluate', { expression: 'i', frameId: second[1]!.id, context: 'watch' })).body.result).toBe('1');
    await client.request('disconnect', {});
  });

  it("a guest frame carries no instructionPointerReference: its code offset is no address in linear memory", async () => {
    const client = await launched({ program: join(EXAMPLES, 'trap/trap.wseq') });
    await client.request('configurationDone');
    await client.waitEvent('stopped');
    const frames = await trace(client);
    expect(frames.map((f) => f.name)).toEqual(['oops = report(256, 0)', 'divide', 'mean', 'average', 'report']);
    expect(frames.map((f) => f.instructionPointerReference)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    await client.request('disconnect', {});
  });
});

describe('memscope dap memory events', () => {
  it('are sent only to a client whose initialize said supportsMemoryEvent', async () => {
    for (const supports of [false, true]) {
      const client = await launched({ program: join(EXAMPLES, 'c-struct/c-struct.wseq'), stopOnEntry: true }, supports ? { supportsMemoryEvent: true } : {});
      await client.request('configurationDone');
      await client.waitEvent('stopped');
      const written = await client.request('writeMemory', { memoryReference: '0x100', data: 'AQID' });
      expect(written.success).toBe(true);
      await client.request('threads');
      expect(client.events.filter((e) => e.event === 'memory').map((e) => e.body)).toEqual(supports ? [{ memoryReference: '0x100', offset: 0, count: 3 }] : []);
      await client.request('disconnect', {});
    }
  });
});

describe('memscope dap output', () => {
  it("Go's println (one runtime write per piece) arrives as one output event, before exited", async () => {
    const client = await launched({ program: join(EXAMPLES, 'go-hello/go-hello.wseq') });
    await client.request('configurationDone');
    await client.waitEvent('terminated');
    const guest = client.events.filter((e) => e.event === 'output' && e.body.category === 'stderr');
    expect(guest.map((e) => e.body.output)).toEqual(['hello from Go 6765\n']);
    const names = client.events.map((e) => e.event);
    expect(names.lastIndexOf('output')).toBeLessThan(names.indexOf('exited'));
    await client.request('disconnect', {});
  });
});

describe('memscope dap output order', () => {
  it("a stream's writes are joined, never across the other stream's: stdout, stderr, stdout arrive in that order", async () => {
    // testdata/interleaved.wat: "out 1" to stdout, "err 1\n" to stderr, " and 2\n" to stdout.
    const client = await launched({ program: join(PACKAGE_ROOT, 'src-main/dap/testdata/interleaved.wseq') });
    await client.request('configurationDone');
    await client.waitEvent('terminated');
    const guest = client.events.filter((e) => e.event === 'output' && (e.body.category === 'stdout' || e.body.category === 'stderr'));
    expect(guest.map((e) => [e.body.category, e.body.output])).toEqual([['stdout', 'out 1'], ['stderr', 'err 1\n'], ['stdout', ' and 2\n']]);
    await client.request('disconnect', {});
  });
});

describe('memscope dap at the edges', () => {
  it('terminate while a step runs ends the program once: no stop, exited and terminated', async () => {
    const program = spinProgram();
    const client = await launched({ program });
    await client.request('configurationDone');
    await new Promise((r) => setTimeout(r, 300));
    const answer = await client.request('terminate', {});
    expect([answer.success, answer.message]).toEqual([true, undefined]);
    await client.waitEvent('terminated');
    await client.request('threads');
    const names = client.events.map((e) => e.event);
    expect(names.filter((n) => n === 'stopped' || n === 'exited' || n === 'terminated')).toEqual(['exited', 'terminated']);
    await client.request('disconnect', {});
  });

  it('terminate while a step runs without debugging says which step it stopped, then ends the program once', async () => {
    const program = spinProgram();
    const client = await launched({ program, noDebug: true });
    await client.request('configurationDone');
    await new Promise((r) => setTimeout(r, 300));
    expect((await client.request('terminate', {})).success).toBe(true);
    await client.waitEvent('terminated');
    await client.request('threads');
    expect(client.output_('stderr')).toBe(`✗ ${program}:3:1: stopped by the user; the worker was terminated\n  spin()\n  ^^^^\n`);
    expect(client.events.map((e) => e.event).filter((n) => n === 'stopped' || n === 'exited' || n === 'terminated')).toEqual(['exited', 'terminated']);
    await client.request('disconnect', {});
  });

  it("a breakpoint past the sequence's last step is unverified, saying so", async () => {
    const program = join(EXAMPLES, 'c-struct/c-struct.wseq');
    const client = await launched({ program });
    const set = await client.request<DebugProtocol.SetBreakpointsResponse>('setBreakpoints', { source: { path: program }, breakpoints: [{ line: 10_000 }] });
    expect(set.body.breakpoints).toEqual([{ verified: false, line: 10_000, message: 'no step at or after this line' }]);
    await client.request('disconnect', {});
  });

  it("the exceptionInfo of a failed expect is its message, with no guest stack", async () => {
    const program = sequenceFile('expect.wseq', [`module "${join(EXAMPLES, 'trap/trap.wasm')}"`, 'write u32 10 @ 256', 'avg = report(256, 1)', 'expect avg == 11']);
    const client = await launched({ program });
    await client.request('configurationDone');
    const stop = await client.waitEvent<DebugProtocol.StoppedEvent>('stopped');
    expect(stop.body.reason).toBe('exception');
    const info = await client.request<DebugProtocol.ExceptionInfoResponse>('exceptionInfo', { threadId: 1 });
    expect(info.body).toEqual({ exceptionId: 'expect-failed', description: 'expected avg == 11, but avg is 10 (0xa)', breakMode: 'always',
      details: { message: 'expected avg == 11, but avg is 10 (0xa)', typeName: 'expect-failed' } });
    await client.request('disconnect', {});
  });

  it('exceptionInfo where no step failed names itself; disconnect with restart: true answers', async () => {
    const client = await launched({ program: join(EXAMPLES, 'c-struct/c-struct.wseq'), stopOnEntry: true });
    await client.request('configurationDone');
    await client.waitEvent('stopped');
    const info = await client.request('exceptionInfo', { threadId: 1 });
    expect([info.success, info.message]).toEqual([false, 'exceptionInfo: not stopped on a failed step (the steps so far ran without error)']);
    const answer = await client.request('disconnect', { restart: true });
    expect([answer.success, answer.message]).toEqual([true, undefined]);
  });
});
