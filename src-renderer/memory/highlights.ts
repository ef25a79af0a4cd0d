// Which highlights cover a byte: changed ranges (with their age in steps) and regions.
// Sorted starts plus a running maximum of ends give binary-search lookups even when ranges
// overlap (a struct read inside an allocation), so thousands of ranges stay cheap per frame.

export interface Interval<T> {
  /** Inclusive start address. */
  start: number;
  /** Exclusive end address. */
  end: number;
  value: T;
}

export class IntervalIndex<T> {
  readonly items: Interval<T>[];
  /** maxEnd[i] = max(items[0..i].end): lets a backwards walk stop early. */
  private readonly maxEnd: number[];

  constructor(items: Interval<T>[]) {
    this.items = items.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start || a.end - b.end);
    this.maxEnd = [];
    let m = -Infinity;
    for (const it of this.items) this.maxEnd.push((m = Math.max(m, it.end)));
  }

  get size(): number {
    return this.items.length;
  }

  /** Index of the last interval whose start is < `x` (binary search), or -1. */
  private lastStartBefore(x: number): number {
    let lo = 0;
    let hi = this.items.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.items[mid].start < x) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /** Every interval overlapping [a, b), in start order. */
  overlapping(a: number, b: number): Interval<T>[] {
    const out: Interval<T>[] = [];
    for (let i = this.lastStartBefore(b); i >= 0 && this.maxEnd[i] > a; i--) {
      if (this.items[i].end > a) out.push(this.items[i]);
    }
    return out.reverse();
  }

  /** Every interval covering byte `x`. */
  covering(x: number): Interval<T>[] {
    return this.overlapping(x, x + 1);
  }
}

/** How many steps' changes the grid marks, the current one and those fading behind it. */
export const CHANGE_FADE = 4;

/**
 * Changed ranges of the last `fade` steps up to `current`, valued by age (0 = that step);
 * `exact` gives a step's exact ranges where its own are coarse (exact-changes.ts).
 */
export function changeIndex<S extends { changes: [number, number][] }>(
  steps: readonly S[], current: number, fade = CHANGE_FADE, exact?: (step: S) => [number, number][] | undefined,
): IntervalIndex<number> {
  const items: Interval<number>[] = [];
  for (let age = 0; age < fade; age++) {
    const step = steps[current - age];
    if (!step) continue;
    for (const [start, end] of exact?.(step) ?? step.changes) items.push({ start, end, value: age });
  }
  return new IntervalIndex(items);
}

/** Youngest change age per byte of [a, b); -1 where nothing changed. */
export function paintAges(index: IntervalIndex<number>, a: number, b: number): Int8Array {
  const out = new Int8Array(Math.max(0, b - a)).fill(-1);
  for (const it of index.overlapping(a, b)) {
    const from = Math.max(it.start, a) - a;
    const to = Math.min(it.end, b) - a;
    for (let i = from; i < to; i++) if (out[i] < 0 || it.value < out[i]) out[i] = it.value;
  }
  return out;
}

/** Innermost (smallest) interval's value per byte of [a, b); -1 where none covers it. */
export function paintInnermost(index: IntervalIndex<number>, a: number, b: number): Int32Array {
  const out = new Int32Array(Math.max(0, b - a)).fill(-1);
  const hits = index.overlapping(a, b).sort((x, y) => y.end - y.start - (x.end - x.start));
  for (const it of hits) out.fill(it.value, Math.max(it.start, a) - a, Math.min(it.end, b) - a);
  return out;
}
