// Pure helpers for drawing the heap: which visible bytes are allocator headers or free chunks
// (from the heap summary's sorted ranges), which memory-map band an address is in, and how wide
// each band of the map bar is.

import type { MemoryBand } from '../../src-main/shared/dto.ts';

export const PAINT_HEADER = 1;
export const PAINT_FREE = 2;

/** Index of the first range whose end is past `address` (ranges sorted and non-overlapping). */
function firstEndingAfter(ranges: readonly [number, number][], address: number): number {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid]![1] <= address) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One code per byte of [first, last): 0 nothing, PAINT_HEADER, PAINT_FREE (headers win). */
export function paintHeap(free: readonly [number, number][], headers: readonly [number, number][], first: number, last: number): Uint8Array {
  const out = new Uint8Array(Math.max(0, last - first));
  for (const [ranges, code] of [[free, PAINT_FREE], [headers, PAINT_HEADER]] as const) {
    for (let i = firstEndingAfter(ranges, first); i < ranges.length && ranges[i]![0] < last; i++) {
      const [s, e] = ranges[i]!;
      out.fill(code, Math.max(s, first) - first, Math.min(e, last) - first);
    }
  }
  return out;
}

/**
 * The band holding `address`, or null (bands sorted, non-overlapping). A binary search on the
 * bands themselves: the grid asks once per visible row, and a Go heap has thousands of bands.
 */
export function bandAt(bands: readonly MemoryBand[], address: number): MemoryBand | null {
  let lo = 0;
  let hi = bands.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bands[mid]!.end <= address) lo = mid + 1;
    else hi = mid;
  }
  const b = bands[lo];
  return b && b.start <= address ? b : null;
}

export interface BarSegment {
  band: MemoryBand | null;
  start: number;
  end: number;
  /** Share of the bar in percent. */
  width: number;
}

/**
 * Bands as a bar can show them: a run of bands of one kind with gaps under `resolution` of the
 * memory between them is one band (a Go module's 15,000 data segments are one "data" band, not
 * 30,000 buttons on a bar a thousand pixels wide), its label saying how many it holds.
 */
export function mergeBands(bands: readonly MemoryBand[], memorySize: number, resolution = 0.001): MemoryBand[] {
  const out: MemoryBand[] = [];
  let first: MemoryBand | null = null;
  let count = 0;
  for (const b of bands) {
    const prev = out[out.length - 1];
    if (prev && first && prev.kind === b.kind && b.start - prev.end <= memorySize * resolution) {
      count++;
      out[out.length - 1] = { ...prev, end: b.end, label: `${first.label} … ${b.label} (${count} ${b.kind} bands)` };
    } else {
      out.push(b);
      first = b;
      count = 1;
    }
  }
  return out;
}

/**
 * The map bar's segments, gaps included (band null), in address order. A band's share follows
 * its size but never drops below `minPercent`, so a 13-byte data segment stays clickable beside
 * a 16 MiB heap; the others shrink to make room.
 */
export function barSegments(bands: readonly MemoryBand[], memorySize: number, minPercent = 3): BarSegment[] {
  const segs: BarSegment[] = [];
  let at = 0;
  for (const b of mergeBands(bands, memorySize)) {
    if (b.start > at) segs.push({ band: null, start: at, end: b.start, width: 0 });
    segs.push({ band: b, start: b.start, end: b.end, width: 0 });
    at = b.end;
  }
  if (at < memorySize) segs.push({ band: null, start: at, end: memorySize, width: 0 });
  if (segs.length === 0 || memorySize === 0) return segs;
  const raw = segs.map((s) => ((s.end - s.start) / memorySize) * 100);
  const small = raw.filter((w) => w < minPercent);
  const boosted = small.length * minPercent;
  const bigTotal = raw.filter((w) => w >= minPercent).reduce((a, b) => a + b, 0);
  const scale = bigTotal > 0 ? Math.max(0, 100 - boosted) / bigTotal : 0;
  segs.forEach((s, i) => (s.width = raw[i]! < minPercent ? minPercent : raw[i]! * scale));
  return segs;
}
