// Where the grid should go after a live step: the pure rule behind the memory view's
// "bring the step into view", so it can be tested without a page. Shared: the backend uses the
// same rule to send the bytes there with the step's event (see `near` in the contract).

import type { Region } from './dto.ts';

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

/**
 * The step whose changes the grid brings into view when the live view moves on from step
 * `revealed` (the last one it considered) to step `current`: the newest of the steps between
 * that has something to show (a region it made, or a change). One F10 is that step itself; a
 * run, or steps that arrived in one frame, that ended on checks still shows what its last
 * writing step did, not the place the grid happened to be (0x0 after a fresh run). The current
 * step when the view went back (Shift+F10, a Reset) or none of them has anything.
 */
export function stepToReveal<S extends RevealStep>(
  steps: readonly (S | undefined)[],
  revealed: number,
  current: number,
  regions: readonly RevealRegion[],
): S | undefined {
  const latest = steps[current];
  if (current <= revealed + 1) return latest;
  const made = new Set(regions.filter((r) => r.size > 0).map((r) => r.createdStep));
  for (let index = current; index > revealed; index--) {
    const step = steps[index];
    if (step && (step.changes.length > 0 || made.has(step.index))) return step;
  }
  return latest;
}

/**
 * Regions alive at `step` (created at or before it; freed ones stay visible, marked freed,
 * only if they were freed at that very step so the free is visible once).
 */
export function regionsAt(regions: readonly Region[], step: number): Region[] {
  return regions.filter((r) => r.createdStep <= step && (r.freedStep === undefined || r.freedStep >= step));
}

/** Whether [a, b) overlaps any of `spans` ([start, end)), in O(log n) per question. */
export function overlapsAny(spans: readonly (readonly [number, number])[]): (a: number, b: number) => boolean {
  const sorted = spans.filter(([s, e]) => e > s).sort((x, y) => x[0] - y[0]);
  // maxEnd[i]: the furthest end among the first i + 1 spans by start.
  const maxEnd: number[] = [];
  for (const [, e] of sorted) maxEnd.push(Math.max(e, maxEnd.at(-1) ?? e));
  return (a, b) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]![0] < b) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && maxEnd[lo - 1]! > a;
  };
}

/**
 * Where a grid showing [viewStart, viewEnd) moves after `step`, counting the regions alive at
 * that step: the one rule for the memory view and for what the backend reads ahead (with nothing
 * selected: with a selection the grid moves less often, never elsewhere). The step's own regions,
 * not the shown step's: a run that ends two steps after a free reveals the free as F10 did.
 */
export function revealAfter(step: RevealStep, regions: readonly Region[], viewStart: number, viewEnd: number, hasSelection = false): number | null {
  const alive = regionsAt(regions, step.index);
  const inRegion = overlapsAny(alive.map((r) => [r.start, r.start + r.size] as const));
  return revealAddress(step, alive, inRegion, viewStart, viewEnd, hasSelection);
}
