// A replay (stepping back, write tracing switched) runs the steps so far again, quietly: their
// records were shown already. It said nothing of how far it had come, so on a long session the
// page sat on "running" for seconds with no count, and other tabs saw nothing at all. It says
// so now ('replaying'), at its start and at most once per hundredth of the way.

import { describe, expect, it } from 'vitest';
import type { ReplayProgress } from '../../shared/dto.ts';
import { example, openSessionsDisposedAfterEach } from './test-helpers.ts';

const open = openSessionsDisposedAfterEach();

/** return-string's story `n` times: 4n steps. */
function rounds(n: number): string {
  const lines = ['module "return-string.wasm"'];
  for (let i = 0; i < n; i++) lines.push('r = malloc(8)', 'ReturnString(r)', 'p = read u32 @ r', 'free(p)');
  return `${lines.join('\n')}\n`;
}

describe('replay progress', () => {
  it('a step back over 400 steps says where it is, in order, from 0 to the step it goes back to', async () => {
    const session = await open(example('return-string'), { sequence: rounds(100) });
    expect((await session.run()).every((r) => r.ok)).toBe(true);
    const seen: { progress: ReplayProgress; state: string }[] = [];
    session.on('replaying', (progress) => seen.push({ progress, state: session.state }));
    expect(await session.stepBack()).toEqual({ ok: true, value: null });
    expect(seen[0]).toEqual({ progress: { step: 0, of: 399 }, state: 'running' });
    expect(seen.at(-1)).toEqual({ progress: { step: 399, of: 399 }, state: 'running' });
    expect(seen.length).toBeGreaterThan(50);
    expect(seen.length).toBeLessThanOrEqual(101);
    const steps = seen.map((s) => s.progress.step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(new Set(steps).size).toBe(steps.length);
  });

  it('Stop during a replay ends it between two steps: the steps replayed so far kept, and the worker to go on from', async () => {
    const session = await open(example('return-string'), { sequence: rounds(100) });
    const first = await session.run();
    let stopped: ReplayProgress | null = null;
    session.on('replaying', (progress) => {
      if (stopped || progress.step < 100) return;
      stopped = progress;
      void session.stop();
    });
    const back = await session.stepBack();
    expect(back.ok).toBe(false);
    if (back.ok) return;
    expect(back.error.code).toBe('stopped');
    const at = session.nextStep;
    expect(back.error.message).toBe(`stepping back was stopped by the user after replaying ${at} of 399 steps: the session is before step ${at + 1} (line ${first[at]!.line}), its worker kept`);
    expect(at).toBeGreaterThanOrEqual(stopped!.step);
    expect(at).toBeLessThan(399);
    expect(session.state).not.toBe('terminated');
    expect(session.whyCannotStep()).toBeNull();
    // The next step is the first run's step `at` again, in the worker the replay left.
    const next = (await session.step())!;
    expect(next.ok).toBe(true);
    expect(next.index).toBe(at);
    expect(next.line).toBe(first[at]!.line);
    expect(next.source).toBe(first[at]!.source);
    expect(next.bound).toEqual(first[at]!.bound);
    expect(next.changes).toEqual(first[at]!.changes);
  });

  it('Stop pressed twice between two replayed steps still keeps the worker: no step was in flight to end', async () => {
    const session = await open(example('return-string'), { sequence: rounds(100) });
    await session.run();
    let pressed = false;
    session.on('replaying', (progress) => {
      if (pressed || progress.step < 100) return;
      pressed = true;
      void session.stop();
      void session.stop();
    });
    const back = await session.stepBack();
    expect(!back.ok && back.error.code).toBe('stopped');
    expect(session.state).not.toBe('terminated');
    expect(session.whyCannotStep()).toBeNull();
  });
});
