import { describe, expect, it } from 'vitest';
import { goFunctionsAt } from './state-at-step.ts';

describe('goFunctionsAt', () => {
  const records = [{ index: 0 }, { index: 1, goFunctions: ['add'] }, { index: 2 }, { index: 3, goFunctions: ['add', 'greet'] }];

  it('is the last list a step up to then recorded, none before the first', () => {
    expect([0, 1, 2, 3, 9].map((step) => goFunctionsAt(records, step))).toEqual([[], ['add'], ['add'], ['add', 'greet'], ['add', 'greet']]);
  });
});
