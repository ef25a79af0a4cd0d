// Run Without Debugging (noDebug) with data breakpoints: VS Code sends the ones it keeps (a
// persisted one too) to every session. Line breakpoints never stop there; a data breakpoint was
// set all the same, and the watched write ended the program as a failed step: `✗ … watchpoint`
// on stderr, exit code 1, the steps after it never run.

import { join } from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { describe, expect, it } from 'vitest';
import { afterFirstStep, launchedAdapters } from './testing/dap-client.ts';
import { PACKAGE_ROOT } from '../paths.ts';

const launched = launchedAdapters();
// values.c: setup() on line 4 writes the static `held`; addresses() runs after it.
const program = join(PACKAGE_ROOT, 'src-main/dap/testdata/values.wseq');

describe('memscope dap without debugging', () => {
  it('a data breakpoint is answered unverified, saying why, and the watched write stops nothing', async () => {
    // The dataId VS Code would keep from a debugging session: `held`'s, from its Statics.
    const debugging = await afterFirstStep(launched, program);
    const statics = debugging.scopes.find((s) => s.name === 'Statics')!.variablesReference;
    const info = await debugging.client.request<DebugProtocol.DataBreakpointInfoResponse>('dataBreakpointInfo', { variablesReference: statics, name: 'held' });
    const dataId = info.body.dataId!;
    expect(dataId).toMatch(/\/held$/);
    await debugging.client.request('disconnect', {});

    const client = await launched({ program, noDebug: true });
    const set = await client.request<DebugProtocol.SetDataBreakpointsResponse>('setDataBreakpoints', { breakpoints: [{ dataId }, { dataId: 'junk' }] });
    expect(set.body.breakpoints).toEqual([
      { verified: false, message: 'Run Without Debugging: nothing stops, so no data breakpoint is set' },
      // What could not be set anyway keeps its own reason.
      { verified: false, message: '"junk" is not a data breakpoint id from dataBreakpointInfo' },
    ]);
    await client.request('configurationDone');
    expect((await client.waitEvent<DebugProtocol.ExitedEvent>('exited')).body.exitCode).toBe(0);
    await client.waitEvent('terminated');
    expect(client.output_('stderr')).toBe('');
    expect(client.events.filter((e) => e.event === 'stopped')).toEqual([]);
    await client.request('disconnect', {});
  });
});
