// Stop (terminate) while a step runs, or at the stop a pause made: the step was ended by the
// user, not failed by the guest. The exit code is `memscope run`'s on SIGTERM in a stuck step,
// 143; it was 1, "a step failed", as after a trap.

import type { DebugProtocol } from '@vscode/debugprotocol';
import { describe, expect, it } from 'vitest';
import { launchedAdapters, type DapClient } from './testing/dap-client.ts';
import { spinProgram } from './testing/programs.ts';

const launched = launchedAdapters();

/** infinite-loop's spin() as the only step (its last, so every step has run once it is stopped), under a long time limit. */
async function spinning(launch: Record<string, unknown> = {}): Promise<DapClient> {
  const client = await launched({ program: spinProgram(), ...launch });
  await client.request('configurationDone');
  // Steps are running: what looks at the stop is refused until they end.
  expect((await client.request('stackTrace', { threadId: 1 })).message).toBe('stackTrace: steps are running; pause first');
  return client;
}

describe('memscope dap Stop while a step runs', () => {
  it('terminate ends the running step: exit code 143, as `memscope run` on SIGTERM, not 1 (a step failed)', async () => {
    const client = await spinning();
    expect((await client.request('terminate', {})).success).toBe(true);
    expect((await client.waitEvent<DebugProtocol.ExitedEvent>('exited')).body.exitCode).toBe(143);
    await client.waitEvent('terminated');
    expect(client.events.filter((e) => e.event === 'stopped')).toEqual([]);
    await client.request('disconnect', {});
  });

  it('without debugging too', async () => {
    const client = await spinning({ noDebug: true });
    expect((await client.request('terminate', {})).success).toBe(true);
    expect((await client.waitEvent<DebugProtocol.ExitedEvent>('exited')).body.exitCode).toBe(143);
    await client.request('disconnect', {});
  });

  it('terminate at the stop a pause made (the paused step ended its worker): 143 as well', async () => {
    const client = await spinning();
    expect((await client.request('pause', { threadId: 1 })).success).toBe(true);
    expect((await client.waitEvent<DebugProtocol.StoppedEvent>('stopped')).body.reason).toBe('pause');
    expect((await client.request('terminate', {})).success).toBe(true);
    expect((await client.waitEvent<DebugProtocol.ExitedEvent>('exited')).body.exitCode).toBe(143);
    await client.request('disconnect', {});
  });
});
