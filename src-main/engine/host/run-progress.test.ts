// While a run is stuck in a step, the steps that finished before it are already reported: the
// worker announces finished steps between steps, and the steps just before a long one used to
// wait unread in the step ring until it ended (the UI showed a run at step 3 while steps 4-6 had
// run and step 7 spun).

import { describe, expect, it } from 'vitest';
import type { StepRecord } from '../../shared/dto.ts';
import { example, openSessionsDisposedAfterEach } from './test-helpers.ts';

const open = openSessionsDisposedAfterEach();

describe('Session.run progress', () => {
  it('reports the steps before a step that never ends while it runs', async () => {
    // Three quick steps (well under the worker's 1 ms between announcements), then a loop.
    const session = await open(example('infinite-loop'), { sequence: 'fill(1024, 16, 1)\nfill(1040, 16, 2)\nfill(1056, 16, 3)\nspin()\n', config: { timeoutMs: 120_000 } });
    const seen: StepRecord[] = [];
    session.on('step', (record) => seen.push(record));
    const run = session.run();
    // No time bound of its own: the test's timeout is the bound, and the run never ends by itself.
    await expect.poll(() => seen.length, { timeout: 60_000, interval: 20 }).toBe(3);
    expect(session.state).toBe('running');
    await session.stop();
    const records = await run;
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 4]);
    expect(records[3]!.error?.code).toBe('stopped');
  }, 90_000);
});
