// What `memscope dap` refuses because it never gave it out, or gave it out at an earlier stop: a
// frame id, a thread id, a variablesReference. Each was answered as if it named the current
// frame, the one thread or whatever the new stop gave that number. Beside them, what it says
// of an expression it cannot evaluate (where in it), writeMemory's allowPartial, and the last
// bytes of guest output when they end mid-character.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { launchedAdapters, type DapClient } from './testing/dap-client.ts';
import { PACKAGE_ROOT } from '../paths.ts';

const PROGRAM = join(PACKAGE_ROOT, 'resources/examples/c-struct/c-struct.wseq');
const launched = launchedAdapters();

/** c-struct launched, stopped on entry and stepped `steps` times. */
async function stoppedAfter(steps: number): Promise<DapClient> {
  // supportsMemoryEvent: the memory events a write sends (writeMemory's test) go to a client that takes them.
  const client = await launched({ program: PROGRAM, stopOnEntry: true }, { supportsMemoryEvent: true });
  await client.request('configurationDone');
  await client.waitEvent('stopped');
  for (let i = 0; i < steps; i++) {
    await client.request('next', { threadId: 1 });
    await client.waitEvent('stopped');
  }
  return client;
}

async function refusal(client: DapClient, command: string, args: unknown): Promise<[boolean, string | undefined]> {
  const answer = await client.request(command, args);
  return [answer.success, answer.message];
}

describe('memscope dap refuses ids it did not give out at this stop', () => {
  it('an unknown frameId (scopes, evaluate, dataBreakpointInfo) or threadId (stackTrace, next, stepBack…) is refused, and nothing moves', async () => {
    const client = await stoppedAfter(1);
    const noFrame = (command: string) => `${command}: no frame 99 at this stop: its stack has one frame, 0 (stackTrace lists them; a frame's id ends when the program moves on)`;
    expect(await refusal(client, 'scopes', { frameId: 99 })).toEqual([false, noFrame('scopes')]);
    expect(await refusal(client, 'evaluate', { expression: 'size', frameId: 99 })).toEqual([false, noFrame('evaluate')]);
    expect(await refusal(client, 'dataBreakpointInfo', { name: '0x10', frameId: 99 })).toEqual([false, noFrame('dataBreakpointInfo')]);
    // A variablesReference never given out was answered "that variable is from an earlier stop", a success with no dataId.
    expect(await refusal(client, 'dataBreakpointInfo', { name: 'size', variablesReference: 99 })).toEqual([false,
      "dataBreakpointInfo: variablesReference 99 is not one of this stop's (a stop's references end when the program moves on); ask scopes again"]);
    const stopsBefore = client.events.filter((e) => e.event === 'stopped').length;
    for (const command of ['stackTrace', 'next', 'stepBack', 'continue', 'reverseContinue', 'pause', 'exceptionInfo']) {
      expect(await refusal(client, command, { threadId: 99 })).toEqual([false, `${command}: no thread 99: memscope dap has one thread, 1 (threads lists it)`]);
    }
    expect(client.events.filter((e) => e.event === 'stopped' || e.event === 'continued')).toHaveLength(stopsBefore);
    // The frame and thread that are there still answer.
    const trace = await client.request<DebugProtocol.StackTraceResponse>('stackTrace', { threadId: 1 });
    expect(trace.body.stackFrames.map((f) => f.name)).toEqual(['expect size == 32']);
    expect((await client.request('evaluate', { expression: 'size', frameId: 0 })).body).toMatchObject({ result: '32 (0x20)' });
    await client.request('disconnect', {});
  });

  it('a variablesReference from an earlier stop is refused, not answered with what the new stop gave that number', async () => {
    // Before `p = malloc(size)`; the next stop has p bound.
    const client = await stoppedAfter(2);
    const scopes = await client.request<DebugProtocol.ScopesResponse>('scopes', { frameId: 0 });
    const bindings = scopes.body.scopes.find((s) => s.name === 'Bindings')!.variablesReference;
    await client.request('next', { threadId: 1 });
    await client.waitEvent('stopped');
    // The new stop's scopes: with the library's handles they took the old numbers again.
    const again = await client.request<DebugProtocol.ScopesResponse>('scopes', { frameId: 0 });
    expect(again.body.scopes.map((s) => s.variablesReference)).not.toContain(bindings);
    const stale = `variablesReference ${bindings} is not one of this stop's (a stop's references end when the program moves on); ask scopes again`;
    expect(await refusal(client, 'variables', { variablesReference: bindings })).toEqual([false, `variables: ${stale}`]);
    expect(await refusal(client, 'setVariable', { variablesReference: bindings, name: 'size', value: '1' })).toEqual([false, `setVariable: ${stale}`]);
    const fresh = await client.request<DebugProtocol.VariablesResponse>('variables', { variablesReference: again.body.scopes[0]!.variablesReference });
    expect(fresh.body.variables.map((v) => v.name)).toEqual(['size', 'p']);
    // Run to the end: no stop comes, and the last stop's references end with the program.
    const last = again.body.scopes[0]!.variablesReference;
    await client.request('continue', { threadId: 1 });
    await client.waitEvent('terminated');
    expect(await refusal(client, 'variables', { variablesReference: last })).toEqual([false,
      `variables: variablesReference ${last} is not one of this stop's (a stop's references end when the program moves on); ask scopes again`]);
    await client.request('disconnect', {});
  });

  it('a step back refused (at the first step) says which request, moves nothing, and the stop\'s references stay', async () => {
    const client = await stoppedAfter(0);
    const scopes = await client.request<DebugProtocol.ScopesResponse>('scopes', { frameId: 0 });
    const back = await client.request('stepBack', { threadId: 1 });
    expect([back.success, back.message]).toEqual([false, 'stepBack: no step has run yet: nothing to step back to']);
    const reverse = await client.request('reverseContinue', { threadId: 1 });
    expect([reverse.success, reverse.message]).toEqual([false, 'reverseContinue: no step has run yet: nothing to step back to']);
    const regions = await client.request('variables', { variablesReference: scopes.body.scopes[1]!.variablesReference });
    expect([regions.success, regions.message]).toEqual([true, undefined]);
    await client.request('disconnect', {});
  });
});

describe('memscope dap evaluate and writeMemory', () => {
  it("an expression that does not parse or evaluate says the column, with the expression and a caret under the place", async () => {
    const client = await stoppedAfter(1);
    expect(await refusal(client, 'evaluate', { expression: '  size +* 3 ', context: 'repl' })).toEqual([false,
      "evaluate: column 7: expected a number, a string, a name or '(', found '*'\nsize +* 3\n      ^"]);
    expect(await refusal(client, 'evaluate', { expression: 'size + nosuch', context: 'repl' })).toEqual([false,
      "evaluate: column 8: unknown name 'nosuch'\nsize + nosuch\n       ^^^^^^"]);
    // In the Watch view the message is one line.
    expect(await refusal(client, 'evaluate', { expression: 'size + nosuch', context: 'watch' })).toEqual([false, "evaluate: column 8: unknown name 'nosuch'"]);
    // A data breakpoint's expression: the column on one line (the description is one line in VS Code).
    const info = await client.request<DebugProtocol.DataBreakpointInfoResponse>('dataBreakpointInfo', { name: '(size' });
    expect(info.body).toEqual({ dataId: null, description: "column 6: expected ')' to close '(', found end of line" });
    await client.request('disconnect', {});
  });

  it('allowPartial writes the bytes up to the end of memory and says how many; without it nothing is written', async () => {
    const client = await stoppedAfter(0);
    const all = await client.request<DebugProtocol.ReadMemoryResponse>('readMemory', { memoryReference: '0x0', count: 1 << 20 });
    const size = Buffer.from(all.body!.data!, 'base64').length;
    const hex = (n: number) => `0x${n.toString(16)}`;
    const data = Buffer.from([1, 2, 3, 4]).toString('base64');
    const whole = await client.request('writeMemory', { memoryReference: hex(size - 2), data });
    expect([whole.success, whole.message]).toEqual([false, `writeMemory: memory access out of bounds: [${hex(size - 2)}, +4) is outside linear memory of ${size} bytes`]);
    const last = async () => [...Buffer.from((await client.request<DebugProtocol.ReadMemoryResponse>('readMemory', { memoryReference: hex(size - 4), count: 4 })).body!.data!, 'base64')];
    expect(await last()).toEqual([0, 0, 0, 0]);
    const partial = await client.request<DebugProtocol.WriteMemoryResponse>('writeMemory', { memoryReference: hex(size - 2), data, allowPartial: true });
    expect(partial.body).toEqual({ offset: 0, bytesWritten: 2 });
    expect(await last()).toEqual([0, 0, 1, 2]);
    const memory = client.events.filter((e) => e.event === 'memory');
    expect(memory.map((e) => e.body)).toEqual([{ memoryReference: hex(size - 2), offset: 0, count: 2 }]);
    const none = await client.request<DebugProtocol.WriteMemoryResponse>('writeMemory', { memoryReference: hex(size), data, allowPartial: true });
    expect(none.body).toEqual({ offset: 0, bytesWritten: 0 });
    expect(client.events.filter((e) => e.event === 'memory')).toHaveLength(1);
    await client.request('disconnect', {});
  });
});

describe('memscope dap output events', () => {
  it("guest output that ends mid-character still arrives at the end (as U+FFFD), before exited", async () => {
    // testdata/half-char.wat: "ok " and two of the three bytes of "€" on stdout.
    const client = await launched({ program: join(PACKAGE_ROOT, 'src-main/dap/testdata/half-char.wseq') });
    await client.request('configurationDone');
    await client.waitEvent('terminated');
    expect(client.output_('stdout')).toBe('ok \uFFFD');
    const names = client.events.map((e) => e.event);
    expect(names.lastIndexOf('output')).toBeLessThan(names.indexOf('exited'));
    await client.request('disconnect', {});
  });
});

describe('memscope dap dataBreakpointInfo', () => {
  it('bytes sizes the range from a variable too, as from an address', async () => {
    // After `p = malloc(size)`: the Regions scope has p, 32 bytes.
    const client = await stoppedAfter(3);
    const scopes = await client.request<DebugProtocol.ScopesResponse>('scopes', { frameId: 0 });
    const regions = scopes.body.scopes.find((s) => s.name === 'Regions')!.variablesReference;
    const p = (await client.request<DebugProtocol.VariablesResponse>('variables', { variablesReference: regions })).body.variables.find((v) => v.name === 'p')!;
    const whole = await client.request<DebugProtocol.DataBreakpointInfoResponse>('dataBreakpointInfo', { variablesReference: regions, name: 'p' });
    expect(whole.body.description).toBe(`p [${p.memoryReference}, +32)`);
    const first = await client.request<DebugProtocol.DataBreakpointInfoResponse>('dataBreakpointInfo', { variablesReference: regions, name: 'p', bytes: 4 });
    expect(first.body).toMatchObject({ dataId: `${p.memoryReference}/4/p`, description: `p [${p.memoryReference}, +4)` });
    await client.request('disconnect', {});
  });
});
