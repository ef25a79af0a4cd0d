// The heap problems the heap panel lists beside the memory shown.

import type { StepProblem } from '../../src-main/shared/heap-format.ts';

/**
 * The problems of `problems` (problemsOf: in step order) split at `shown` (0-based), the earlier
 * step whose memory is shown: `upTo`, those its steps up to it found, listed; `later`, the rest,
 * in that memory's future (a double free at step 7 was listed beside memory as after step 3), only
 * counted, the next one a click away. While memory is live (null) all are `upTo`.
 */
export function problemsAround(problems: readonly StepProblem[], shown: number | null): { upTo: readonly StepProblem[]; later: readonly StepProblem[] } {
  if (shown === null) return { upTo: problems, later: [] };
  const cut = problems.findIndex((p) => p.step > shown);
  return cut < 0 ? { upTo: problems, later: [] } : { upTo: problems.slice(0, cut), later: problems.slice(cut) };
}
