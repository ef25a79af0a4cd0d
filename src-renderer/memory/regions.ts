// Region presentation: a stable colour per region, an address index of regions, chips that fit.

import type { Region } from '../../src-main/shared/dto.ts';
import { IntervalIndex } from './highlights.ts';

export const REGION_COLOURS = 8;

/** CSS colour triple variable for a region (`--r0` … `--r7`), stable across steps. */
export function regionColour(region: Pick<Region, 'id'>): string {
  return `var(--r${region.id % REGION_COLOURS})`;
}


/** An index from address to region id for highlight painting. */
export function regionIndex(regions: readonly Region[]): IntervalIndex<number> {
  return new IntervalIndex(regions.map((r) => ({ start: r.start, end: r.start + r.size, value: r.id })));
}

/**
 * How many of a row's region chips fit in `room` pixels (UI font at `fontPx`), the rest being
 * summed up in one "+N" chip, so none is squeezed unreadable. A lone chip always shows (it may
 * be shortened with an ellipsis); with no room for a name and a "+N", only "+N" shows.
 */
export function chipsThatFit(names: string[], room: number, fontPx: number): number {
  const width = (label: string) => label.length * fontPx * 0.62 + 12 + 4; // text, padding+border, gap
  const more = width('+99');
  let used = 0;
  for (let i = 0; i < names.length; i++) {
    used += width(names[i]);
    const restNeedsMore = i < names.length - 1;
    // Not even the first chip and a "+N": only "+N" (all of them), unless it is the only chip.
    if (used + (restNeedsMore ? more : 0) > room) return i === 0 && restNeedsMore ? 0 : Math.max(1, i);
  }
  return names.length;
}
