import { describe, expect, it } from 'vitest';
import type { StepProblem } from '../../src-main/shared/heap-format.ts';
import { problemsAround } from './heap-problems.ts';

/** A problem found by step `step` (0-based) at `address`. */
const found = (step: number, kind: StepProblem['problem']['kind'], address: number): StepProblem =>
  ({ step, line: 10 + step, problem: { kind, address, message: `${kind} at ${address}` } });

describe('problemsAround', () => {
  const all = [found(3, 'double-free', 0x500848), found(5, 'double-alloc', 0x500848), found(5, 'use-after-free', 0x500850)];

  it('lists every problem while memory is live, none later', () => {
    expect(problemsAround(all, null)).toEqual({ upTo: all, later: [] });
  });

  it("lists the problems of the steps up to the one shown, that step's included, and keeps the rest as later ones, in step order", () => {
    expect(problemsAround(all, 2)).toEqual({ upTo: [], later: all });
    expect(problemsAround(all, 3)).toEqual({ upTo: [all[0]], later: [all[1], all[2]] });
    expect(problemsAround(all, 4)).toEqual({ upTo: [all[0]], later: [all[1], all[2]] });
    expect(problemsAround(all, 5)).toEqual({ upTo: all, later: [] });
    expect(problemsAround([], 0)).toEqual({ upTo: [], later: [] });
  });
});
