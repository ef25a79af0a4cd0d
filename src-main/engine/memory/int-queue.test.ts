// IntQueue keeps order across growth, compaction and unshiftAll, as the step history relies on.

import { describe, expect, it } from 'vitest';
import { IntQueue } from './int-queue.ts';

function drain(q: IntQueue): number[] {
  const out: number[] = [];
  while (q.length > 0) {
    out.push(q.at(0));
    q.shift(1);
  }
  return out;
}

describe('IntQueue', () => {
  it('is first in, first out across growth and interleaved shifts', () => {
    const q = new IntQueue();
    const expected: number[] = [];
    let next = 0;
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < 300; i++) {
        q.push(next, next + 1, next + 2);
        expected.push(next, next + 1, next + 2);
        next += 3;
      }
      q.shift(3 * 250);
      expected.splice(0, 3 * 250);
      expect(q.length).toBe(expected.length);
      expect(q.at(0)).toBe(expected[0]);
    }
    expect(drain(q)).toEqual(expected);
  });

  it('puts unshifted values first, then what was queued', () => {
    const q = new IntQueue();
    for (let i = 0; i < 2000; i++) q.push(i, -i, i * 2);
    q.shift(3 * 1990);
    q.unshiftAll([7, 8, 9]);
    q.push(1, 2, 3);
    expect(drain(q).slice(0, 6)).toEqual([7, 8, 9, 1990, -1990, 3980]);
  });
});
