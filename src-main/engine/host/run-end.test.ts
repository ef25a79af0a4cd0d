// Where Session.run pauses is found from the run's first step on: a short run of a long
// sequence reads a few of its steps, not all of them (it once made a list of every step's line
// per run: 20 ms a run of 40,000 steps, most of what the tiny-steps bench charged the controller).

import { describe, expect, it } from 'vitest';
import type { Step } from '../sequence/ast.ts';
import type { Session } from './session.ts';
import { example, openSessionsDisposedAfterEach } from './test-helpers.ts';

const open = openSessionsDisposedAfterEach();

/** Counts reads of the session's parsed steps by index (the array is the session's own). */
function countStepReads(session: Session): { reads: number } {
  const sequence = (session as unknown as { core: { inputs: { sequence: { sequence: { steps: Step[] } } } } }).core.inputs.sequence.sequence;
  const counter = { reads: 0 };
  sequence.steps = new Proxy(sequence.steps, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) counter.reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  return counter;
}

describe('Session.run over a long sequence', () => {
  it('reads the steps it runs and the one it stops before, not every step', async () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `fill(${1024 + (i % 8) * 16}, 16, ${i % 256})`);
    const session = await open(example('infinite-loop'), { sequence: lines.join('\n') + '\n' });
    expect((await session.run({ untilLine: 3 })).map((r) => r.line)).toEqual([1, 2]);
    const counter = countStepReads(session);
    expect((await session.run({ untilLine: 6 })).map((r) => r.line)).toEqual([3, 4, 5]);
    // The 3 steps run and the 1 it stops before, each read a few times (where to stop, what
    // ran, why it could run); far below the 2,000 steps of the sequence.
    expect(counter.reads).toBeLessThan(40);
    expect(session.nextStep).toBe(5);
  });
});
