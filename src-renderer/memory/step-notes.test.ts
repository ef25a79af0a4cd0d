import { describe, expect, it } from 'vitest';
import { changeSummary, growthNote } from './step-notes.ts';

describe('step notes', () => {
  it('names the latest growth up to the shown step', () => {
    const steps = [{}, { grew: { fromPages: 256, toPages: 16384 } }, {}, { grew: { fromPages: 16384, toPages: 16385 } }];
    expect(growthNote(steps, 2)).toBe('grew 256 → 16384 pages at step 2');
    expect(growthNote(steps, 3)).toBe('grew 16384 → 16385 pages at step 4');
    expect(growthNote(steps, 0)).toBeNull();
  });

  it('sums a step\'s changes', () => {
    expect(changeSummary([])).toBe('changed nothing');
    expect(changeSummary([[0, 4]])).toBe('changed 4 B in 1 range');
    expect(changeSummary([[0, 4], [10, 28]])).toBe('changed 22 B in 2 ranges');
  });
});
