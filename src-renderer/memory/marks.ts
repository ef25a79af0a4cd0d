// The grid's marks for a list of ranges with one current (search hits, a diff's ranges): the
// current one is valued 1, the others 0 (grid-model's rowHits). ↑ and ↓ move the current one
// through 100,000 ranges of a diff; each press built a new IntervalIndex of all of them (an
// object each, a sort), though only which one is current had changed. The index is built once
// per list of ranges and a press makes only a view of it with the new current one.

import { IntervalIndex, type Interval } from './highlights.ts';

/** The ranges' index valued by position, shared by every current one (CurrentMarks). */
class RangeIndex extends IntervalIndex<number> {
  constructor(readonly ranges: readonly (readonly [number, number])[]) {
    super(ranges.map(([start, end], i) => ({ start, end, value: i })));
  }
}

/** A view of a RangeIndex whose lookups value the range at `current` 1 and the rest 0. */
class CurrentMarks extends IntervalIndex<number> {
  constructor(readonly base: RangeIndex, readonly current: number) {
    // Its own items stay empty: every lookup goes to the shared index (overlapping and covering).
    super([]);
  }

  override get size(): number {
    return this.base.size;
  }

  override overlapping(a: number, b: number): Interval<number>[] {
    return this.base.overlapping(a, b).map((it) => ({ start: it.start, end: it.end, value: it.value === this.current ? 1 : 0 }));
  }
}

/** Whether two lists hold the same ranges in the same order. */
function sameRanges(a: readonly (readonly [number, number])[], b: readonly (readonly [number, number])[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]![0] !== b[i]![0] || a[i]![1] !== b[i]![1]) return false;
  return true;
}

/**
 * The marks for `ranges` with the one at `current` standing out. `last`, the marks this returned
 * before, lends its index when the ranges are the same (the same list, or one with the same
 * ranges: a search's hits come as a new list at each press), so a move builds no new index.
 */
export function marksFor(ranges: readonly (readonly [number, number])[], current: number, last?: IntervalIndex<number>): IntervalIndex<number> {
  const base = last instanceof CurrentMarks && sameRanges(last.base.ranges, ranges) ? last.base : new RangeIndex(ranges);
  return new CurrentMarks(base, current);
}

/** The index under marks from marksFor (for tests: whether a move built a new one). */
export const marksIndexOf = (marks: IntervalIndex<number>): IntervalIndex<number> | null => (marks instanceof CurrentMarks ? marks.base : null);
