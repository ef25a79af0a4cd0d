import { describe, expect, it } from 'vitest';
import type { StepProblem } from '../../src-main/shared/heap-format.ts';
import { problemsUpTo } from './heap-problems.ts';

/** A problem found by step `step` (0-based) at `address`. */
const found = (step: number, kind: StepProblem['problem']['kind'], address: number): StepProblem =>
  ({ step, line: 10 + step, problem: { kind, address, message: `${kind} at ${address}` } });

describe('problemsUpTo', () => {
  const all = [found(3, 'double-free', 0x500848), found(5, 'double-alloc', 0x500848), found(5, 'use-after-free', 0x500850)];

  it('lists every problem while memory is live', () => {
    expect(problemsUpTo(all, null)).toEqual(all);
  });

  it("lists only the problems of the steps up to the one shown, that step's included", () => {
    expect(problemsUpTo(all, 2)).toEqual([]);
    expect(problemsUpTo(all, 3)).toEqual([all[0]]);
    expect(problemsUpTo(all, 4)).toEqual([all[0]]);
    expect(problemsUpTo(all, 5)).toEqual(all);
  });
});
