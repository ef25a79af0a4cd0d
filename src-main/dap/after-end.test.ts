// `memscope dap` once the program has ended by running its last step (exited and terminated
// sent, the guest worker still there): its memory is read-only, as after a terminate, and a data
// breakpoint set then is unverified, not verified after a replay of every step. Beside it, a
// guest that exits with a non-zero code (proc_exit) and the program ended by Stop (terminate).

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { launchedAdapters, type DapClient } from './testing/dap-client.ts';
import { PACKAGE_ROOT } from '../paths.ts';

const launched = launchedAdapters();
const ENDED = 'the program has ended (terminated was sent)';

describe('memscope dap after the last step ended the program', () => {
  it('Set Value and writeMemory are refused, memory still reads; setDataBreakpoints answers unverified', async () => {
    // many-statics: one step, `n = sum()`, then the end; 210 statics to set.
    const client = await launched({ program: join(PACKAGE_ROOT, 'src-main/engine/module/dwarf/testdata/many-statics.wseq') });
    await client.request('configurationDone');
    expect((await client.waitEvent<DebugProtocol.ExitedEvent>('exited')).body.exitCode).toBe(0);
    await client.waitEvent('terminated');
    const scopes = await client.request<DebugProtocol.ScopesResponse>('scopes', { frameId: 0 });
    const statics = scopes.body.scopes.find((s) => s.name === 'Statics')!.variablesReference;
    const first = (await client.request<DebugProtocol.VariablesResponse>('variables', { variablesReference: statics })).body.variables[0]!;
    const set = await client.request('setVariable', { variablesReference: statics, name: first.name, value: '7' });
    expect([set.success, set.message]).toEqual([false, `setVariable: ${ENDED}: its memory can be read, not written`]);
    const address = first.memoryReference!;
    const before = (await client.request<DebugProtocol.ReadMemoryResponse>('readMemory', { memoryReference: address, count: 4 })).body!.data;
    const write = await client.request('writeMemory', { memoryReference: address, data: 'AQID' });
    expect([write.success, write.message]).toEqual([false, `writeMemory: ${ENDED}: its memory can be read, not written`]);
    expect((await client.request<DebugProtocol.ReadMemoryResponse>('readMemory', { memoryReference: address, count: 4 })).body!.data).toBe(before);
    const info = await client.request<DebugProtocol.DataBreakpointInfoResponse>('dataBreakpointInfo', { name: address, bytes: 4 });
    const watch = await client.request<DebugProtocol.SetDataBreakpointsResponse>('setDataBreakpoints', { breakpoints: [{ dataId: info.body.dataId }] });
    expect(watch.body.breakpoints).toEqual([{ verified: false, message: `${ENDED}: nothing more runs in this session` }]);
    expect(client.events.filter((e) => e.event === 'stopped' || e.event === 'memory')).toEqual([]);
    await client.request('disconnect', {});
  });
});

describe('memscope dap at a guest exit, and after Stop ended the program', () => {
  // wasi-cat-denied: `_start()` on line 18 exits with proc_exit(1).
  const program = join(PACKAGE_ROOT, 'resources/examples/wasi-cat/wasi-cat-denied.wseq');

  /** wasi-cat-denied launched and run to its stop at the exit. */
  async function atExit(): Promise<DapClient> {
    const client = await launched({ program });
    await client.request('configurationDone');
    expect((await client.waitEvent<DebugProtocol.StoppedEvent>('stopped')).body).toMatchObject({ reason: 'exception', text: 'the guest called proc_exit(1)' });
    return client;
  }

  /** Stop (terminate) at the exit: exit code 1, the guest's. */
  async function ended(): Promise<DapClient> {
    const client = await atExit();
    expect((await client.request('terminate', {})).success).toBe(true);
    expect((await client.waitEvent<DebugProtocol.ExitedEvent>('exited')).body.exitCode).toBe(1);
    await client.waitEvent('terminated');
    return client;
  }

  it('next at a proc_exit says the guest exited with its code, not that the step failed', async () => {
    const client = await atExit();
    const next = await client.request('next', { threadId: 1 });
    expect([next.success, next.message]).toEqual([false,
      'next: step 1 (line 18) exited with code 1 (the guest called proc_exit), and no step runs after it: step back or reverse continue to go to an earlier step, or stop (terminate) to end the program']);
    expect((await client.request<DebugProtocol.ExceptionInfoResponse>('exceptionInfo', { threadId: 1 })).body.exceptionId).toBe('exit');
    await client.request('disconnect', {});
  });

  it('after terminate, exceptionInfo is refused: there is no stop (it answered the exit as the exception stood at)', async () => {
    const client = await ended();
    const info = await client.request('exceptionInfo', { threadId: 1 });
    expect([info.success, info.message]).toEqual([false, `exceptionInfo: ${ENDED}: it is stopped at no exception`]);
    await client.request('disconnect', {});
  });

  it('after terminate, a line breakpoint is unverified (it was verified, and can never stop); a second terminate sends nothing again', async () => {
    const client = await ended();
    // A line with no step keeps its own reason.
    const set = await client.request<DebugProtocol.SetBreakpointsResponse>('setBreakpoints', { source: { path: program }, breakpoints: [{ line: 17 }, { line: 30 }] });
    expect(set.body.breakpoints).toEqual([
      { verified: false, line: 18, message: `${ENDED}: nothing more runs in this session` },
      { verified: false, line: 30, message: 'no step at or after this line' },
    ]);
    expect((await client.request('terminate', {})).success).toBe(true);
    expect(client.events.filter((e) => e.event === 'exited' || e.event === 'terminated')).toHaveLength(2);
    await client.request('disconnect', {});
  });
});
