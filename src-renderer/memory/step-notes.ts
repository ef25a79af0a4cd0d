// One-line notes about the shown step for the memory view: how memory grew, and how much a past
// step changed.

import { count } from '../../src-main/shared/count.ts';

/** "grew 256 → 16384 pages at step 5": the latest growth up to the shown step, or null. */
export function growthNote(steps: readonly ({ grew?: { fromPages: number; toPages: number } } | undefined)[], shownStep: number): string | null {
  for (let i = shownStep; i >= 0; i--) {
    const g = steps[i]?.grew;
    if (g) return `grew ${g.fromPages} → ${g.toPages} pages at step ${i + 1}`;
  }
  return null;
}

/** "changed 22 B in 3 ranges" for a step's changed ranges. */
export function changeSummary(changes: readonly [number, number][]): string {
  const bytes = changes.reduce((n, [a, b]) => n + b - a, 0);
  return bytes === 0 ? 'changed nothing' : `changed ${bytes} B in ${count(changes.length, 'range')}`;
}
