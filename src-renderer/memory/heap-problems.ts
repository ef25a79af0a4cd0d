// The heap problems the heap panel lists beside the memory shown.

import type { StepProblem } from '../../src-main/shared/heap-format.ts';

/**
 * The problems of `problems` (problemsOf: in step order) found by the steps up to `shown`
 * (0-based), the earlier step whose memory is shown; all of them when memory is live (null).
 * A later step's problem is in that memory's future: a double free at step 7 was listed beside
 * memory as after step 3.
 */
export function problemsUpTo(problems: readonly StepProblem[], shown: number | null): readonly StepProblem[] {
  return shown === null ? problems : problems.filter((p) => p.step <= shown);
}
