import { describe, expect, it } from 'vitest';
import type { SessionDelta, StepEvent } from '../../src-main/shared/contract.ts';
import type { StepRecord } from '../../src-main/shared/dto.ts';
import { stepsAfter } from './step-list.ts';

/** A record of step `index` (its line tells runs apart), with the state after it when `next` is given. */
function ev(index: number, line: number, next?: number): StepEvent {
  const record = { index, line, ok: true } as unknown as StepRecord;
  return next === undefined ? record : { ...record, after: { nextStep: next } as SessionDelta };
}
const shown = (steps: readonly StepRecord[] | null) => steps?.map((s) => `${s.index}@${s.line}`) ?? null;

describe('stepsAfter', () => {
  it('two single steps held for one frame keep both (the first one\'s state no longer cuts the second)', () => {
    expect(shown(stepsAfter([ev(0, 1)], [ev(1, 2, 2), ev(2, 3, 3)]))).toEqual(['0@1', '1@2', '2@3']);
  });

  it('a single step, then a run\'s batch without states, in one frame', () => {
    expect(shown(stepsAfter([], [ev(0, 1, 1), ev(1, 2), ev(2, 3)]))).toEqual(['0@1', '1@2', '2@3']);
  });

  it('a step run again after a watch\'s stop replaces its record and every later one', () => {
    expect(shown(stepsAfter([ev(0, 1), ev(1, 2), ev(2, 3)], [ev(1, 9)]))).toEqual(['0@1', '1@9']);
  });

  it('a state after a step cuts the list to its count, as that step applied alone did', () => {
    // A failed replay leaves the session before its own step: the step after says so.
    expect(shown(stepsAfter([ev(0, 1), ev(1, 2)], [ev(1, 9, 1)]))).toEqual(['0@1']);
  });

  it('a step past the end of the list is a gap: null, never a list with holes', () => {
    expect(stepsAfter([ev(0, 1)], [ev(3, 4)])).toBeNull();
    expect(stepsAfter([], [ev(0, 1), ev(2, 3)])).toBeNull();
  });
});
