// Region presentation: a stable colour per region and which regions to show at a given step.

import type { Region } from '../../src-main/shared/dto.ts';
import { IntervalIndex } from './highlights.ts';

export const REGION_COLOURS = 8;

/** CSS colour triple variable for a region (`--r0` … `--r7`), stable across steps. */
export function regionColour(region: Pick<Region, 'id'>): string {
  return `var(--r${region.id % REGION_COLOURS})`;
}

/**
 * Regions alive at `step` (created at or before it; freed ones stay visible, marked freed,
 * only if they were freed at that very step so the free is visible once).
 */
export function regionsAt(regions: readonly Region[], step: number): Region[] {
  return regions.filter((r) => r.createdStep <= step && (r.freedStep === undefined || r.freedStep >= step));
}

/** An index from address to region id for highlight painting. */
export function regionIndex(regions: readonly Region[]): IntervalIndex<number> {
  return new IntervalIndex(regions.map((r) => ({ start: r.start, end: r.start + r.size, value: r.id })));
}
