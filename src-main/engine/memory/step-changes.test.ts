// The step change log gives back each step's changes as they were pushed, in the flat form it
// keeps them in: ranges up to the end of a 4 GiB memory, growth and coarse ranges by step.
import { describe, expect, it } from 'vitest';
import { StepChangeLog, type StepChanges } from './step-changes.ts';

describe('step change log', () => {
  it('round-trips ranges, counts, growth and coarse marks over many steps', () => {
    const log = new StepChangeLog();
    const pushed: StepChanges[] = [];
    for (let s = 0; s < 3000; s++) {
      const ranges: [number, number][] = Array.from({ length: s % 5 }, (_, k) => [s * 100 + k * 10, s * 100 + k * 10 + 3]);
      const c: StepChanges = { ranges, changedBytes: ranges.length * 3 };
      if (s % 17 === 0) c.grew = { fromPages: s, toPages: s + 1 };
      if (s % 23 === 0) c.coarse = true;
      log.push(c);
      pushed.push(c);
    }
    const top: StepChanges = { ranges: [[0, 16], [2 ** 32 - 16, 2 ** 32]], changedBytes: 2 ** 32 };
    log.push(top);
    pushed.push(top);
    expect(log.length).toBe(pushed.length);
    pushed.forEach((c, s) => expect(log.at(s)).toEqual(c));
  });
});
