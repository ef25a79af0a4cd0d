// Where the grid should go after a live step: the pure rule behind the memory view's
// "bring the step into view", so it can be tested without a page.

export interface RevealStep {
  index: number;
  /** Changed byte ranges [start, end), sorted. */
  changes: readonly (readonly [number, number])[];
}

export interface RevealRegion {
  start: number;
  size: number;
  createdStep: number;
}

/**
 * The address to bring into view after `step`, or null to stay. A region the step created comes
 * first: after `ret = malloc(8)` the person wants the 8 new bytes, which malloc does not write,
 * not the allocator's bookkeeping it did write. Otherwise the first change inside a region (the
 * slot a call filled), and bookkeeping-only changes only when nothing is selected. Nothing moves
 * when what it would show is already in view ([viewStart, viewEnd)).
 */
export function revealAddress(
  step: RevealStep,
  regions: readonly RevealRegion[],
  inRegion: (start: number, end: number) => boolean,
  viewStart: number,
  viewEnd: number,
  hasSelection: boolean,
): number | null {
  const visible = (a: number, b: number) => a < viewEnd && b > viewStart;
  const created = regions.find((r) => r.createdStep === step.index && r.size > 0);
  if (created) return visible(created.start, created.start + created.size) ? null : created.start;
  const changedInRegion = step.changes.find(([a, b]) => inRegion(a, b));
  const target = changedInRegion ?? (hasSelection ? undefined : step.changes[0]);
  if (!target || step.changes.some(([a, b]) => visible(a, b) && inRegion(a, b))) return null;
  return target[0];
}
