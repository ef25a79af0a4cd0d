// VS Code's Stop while a launch is still being configured: terminate comes before
// configurationDone, which VS Code may still send. The program has ended then (exited,
// terminated); configurationDone must not start it after all.

import type { DebugProtocol } from '@vscode/debugprotocol';
import { describe, expect, it } from 'vitest';
import { launchedAdapters } from './testing/dap-client.ts';
import { spinProgram } from './testing/programs.ts';

const launched = launchedAdapters();

describe('memscope dap terminated before configurationDone', () => {
  it('a configurationDone after terminate starts nothing: no guest runs after terminated', async () => {
    const program = spinProgram();
    const client = await launched({ program });
    expect((await client.request('terminate', {})).success).toBe(true);
    // No step ran: stopped, not all ok (it said 0), as `memscope run` exits on SIGTERM.
    expect((await client.waitEvent<DebugProtocol.ExitedEvent>('exited')).body.exitCode).toBe(143);
    await client.waitEvent('terminated');
    expect((await client.request('configurationDone')).success).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    // It used to run spin() here: pause was answered success, stopping a step of an ended program.
    const pause = await client.request('pause', { threadId: 1 });
    expect([pause.success, pause.message]).toEqual([false, 'pause: nothing is running: the program has ended']);
    expect(client.events.map((e) => e.event)).toEqual(['initialized', 'exited', 'terminated']);
    // A second terminate is answered, and sends nothing more.
    expect((await client.request('terminate', {})).success).toBe(true);
    expect(client.events.map((e) => e.event)).toEqual(['initialized', 'exited', 'terminated']);
    await client.request('disconnect', { terminateDebuggee: true });
  });
});
