// `memscope dap` once the program has ended by running its last step (exited and terminated
// sent, the guest worker still there): its memory is read-only, as after a terminate, and a data
// breakpoint set then is unverified, not verified after a replay of every step.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { launchedAdapters } from './testing/dap-client.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const launched = launchedAdapters();
const ENDED = 'the program has ended (terminated was sent)';

describe('memscope dap after the last step ended the program', () => {
  it('Set Value and writeMemory are refused, memory still reads; setDataBreakpoints answers unverified', async () => {
    // many-statics: one step, `n = sum()`, then the end; 210 statics to set.
    const client = await launched({ program: join(ROOT, 'src-main/engine/module/dwarf/testdata/many-statics.wseq') });
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
