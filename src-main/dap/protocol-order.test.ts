// The protocol out of order, with a real module: every request gets exactly one answer, and
// nothing hangs. A disconnect while launch still loads the module, pause twice or while already
// paused, threads before any guest exists, and the requests a client may repeat or send late.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { DapClient, launchedAdapters, spawnAdapter } from './testing/dap-client.ts';
import { spinProgram } from './testing/programs.ts';
import { PACKAGE_ROOT } from '../paths.ts';

const launched = launchedAdapters();
/** values.c: `counter = setup()` then `addresses()`. */
const VALUES = join(PACKAGE_ROOT, 'src-main/dap/testdata/values.wseq');

describe('memscope dap with requests out of order', () => {
  it('a disconnect while launch loads the module answers both; the adapter exits', async () => {
    const child = spawnAdapter();
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const client = new DapClient(child.stdout, child.stdin);
    await client.request('initialize', { adapterID: 'memscope' });
    // Sent together: launch is still reading and instantiating when disconnect comes.
    const [launch, disconnect] = await Promise.all([client.request('launch', { program: VALUES }), client.request('disconnect', {})]);
    expect([launch.success, launch.message]).toEqual([false, 'launch: disconnect came while the module was loading: nothing was launched']);
    expect(disconnect.success).toBe(true);
    expect(client.events.map((e) => e.event)).toEqual([]);
    expect(await exited).toBe(0);
  });

  it('threads lists no thread before launch, thread 1 once a guest is loaded', async () => {
    const child = spawnAdapter();
    const client = new DapClient(child.stdout, child.stdin);
    await client.request('initialize', { adapterID: 'memscope' });
    expect((await client.request<DebugProtocol.ThreadsResponse>('threads')).body.threads).toEqual([]);
    expect((await client.request('launch', { program: VALUES })).success).toBe(true);
    expect((await client.request<DebugProtocol.ThreadsResponse>('threads')).body.threads).toEqual([{ id: 1, name: 'values.wasm' }]);
    await client.request('disconnect', {});
  });

  it('two pauses while steps run are each answered, with one stopped event; a pause while paused succeeds and stops nothing more', async () => {
    const client = await launched({ program: spinProgram(), stopOnEntry: true });
    await client.request('configurationDone');
    await client.waitEvent('stopped');
    // At the entry stop: already paused.
    expect((await client.request('pause', { threadId: 1 })).success).toBe(true);
    expect((await client.request('continue', { threadId: 1 })).success).toBe(true);
    const pauses = await Promise.all([client.request('pause', { threadId: 1 }), client.request('pause', { threadId: 1 })]);
    expect(pauses.map((r) => [r.success, r.message])).toEqual([[true, undefined], [true, undefined]]);
    expect((await client.waitEvent<DebugProtocol.StoppedEvent>('stopped')).body.reason).toBe('pause');
    expect((await client.request('pause', { threadId: 1 })).success).toBe(true);
    // Answered after everything the pauses sent: no second stopped event is on its way.
    await client.request('threads');
    expect(client.events.filter((e) => e.event === 'stopped').map((e) => (e as DebugProtocol.StoppedEvent).body.reason)).toEqual(['entry', 'pause']);
    await client.request('disconnect', { terminateDebuggee: true });
  });

  it('setVariable names itself when the variables store refuses, as every refusal does', async () => {
    const client = await launched({ program: VALUES, stopOnEntry: true });
    await client.request('configurationDone');
    await client.waitEvent('stopped');
    await client.request('next', { threadId: 1 });
    await client.waitEvent('stopped');
    const scopes = await client.request<DebugProtocol.ScopesResponse>('scopes', { frameId: 0 });
    const statics = scopes.body.scopes.find((s) => s.name === 'Statics')!.variablesReference;
    const set = await client.request('setVariable', { variablesReference: statics, name: 'nosuch', value: '1' });
    expect([set.success, set.message]).toEqual([false, "setVariable: no static or part named 'nosuch' here"]);
    await client.request('disconnect', {});
  });

  it('launch twice, restart, configurationDone twice, another source\'s breakpoints, next after the end, terminate then disconnect: one answer each', async () => {
    const client = await launched({ program: VALUES });
    const answer = async (command: string, args?: unknown) => {
      const r = await client.request(command, args);
      return [r.success, r.message];
    };
    expect(await answer('launch', { program: VALUES })).toEqual([false, 'launch: already launched; restart or disconnect first']);
    expect(await answer('restart', {})).toEqual([false, 'restart: not supported; disconnect and launch again']);
    const other = await client.request<DebugProtocol.SetBreakpointsResponse>('setBreakpoints', { source: { path: join(PACKAGE_ROOT, 'src-main/dap/testdata/values.c') }, breakpoints: [{ line: 3 }] });
    expect(other.body.breakpoints.map((b) => b.verified)).toEqual([false]);
    expect(await answer('configurationDone')).toEqual([true, undefined]);
    expect(await answer('configurationDone')).toEqual([false, 'configurationDone: already done; the program has started (continue, next or step back move it)']);
    await client.waitEvent('terminated');
    expect(await answer('next', { threadId: 1 })).toEqual([false, 'next: the program has ended (terminated was sent): nothing more runs in this session']);
    expect(await answer('terminate', {})).toEqual([true, undefined]);
    expect(await answer('disconnect', {})).toEqual([true, undefined]);
    expect(client.events.filter((e) => e.event === 'terminated')).toHaveLength(1);
  });
});
