import { describe, expect, it } from 'vitest';
import { IntervalIndex, changeIndex, paintAges, paintInnermost } from './highlights.ts';

describe('IntervalIndex', () => {
  const idx = new IntervalIndex([
    { start: 100, end: 200, value: 'alloc' },
    { start: 120, end: 128, value: 'struct' },
    { start: 300, end: 312, value: 'text' },
    { start: 5, end: 5, value: 'empty' },
  ]);
  it('finds every interval covering a byte, including nested ones', () => {
    expect(idx.covering(121).map((i) => i.value)).toEqual(['alloc', 'struct']);
    expect(idx.covering(100).map((i) => i.value)).toEqual(['alloc']);
    expect(idx.covering(199).map((i) => i.value)).toEqual(['alloc']);
    expect(idx.covering(200)).toEqual([]);
    expect(idx.covering(5)).toEqual([]);
    expect(idx.size).toBe(3);
  });
  it('finds overlaps of a window', () => {
    expect(idx.overlapping(190, 305).map((i) => i.value)).toEqual(['alloc', 'text']);
    expect(idx.overlapping(200, 300)).toEqual([]);
  });
  it('stays fast and right with 100,000 ranges near 4 GiB', () => {
    const items = Array.from({ length: 100_000 }, (_, i) => ({ start: 2 ** 32 - 1_000_000 + i * 10, end: 2 ** 32 - 1_000_000 + i * 10 + 4, value: i }));
    const big = new IntervalIndex(items.reverse());
    const at = (k: number) => 2 ** 32 - 1_000_000 + k * 10 + 2;
    const t = performance.now();
    let hits = 0;
    for (let k = 0; k < 10_000; k++) hits += big.covering(at(k)).length;
    const indexedPerQuery = (performance.now() - t) / 10_000;
    expect(hits).toBe(10_000);
    // Speed as a ratio against a peer in the same run (a linear scan), never as wall time: the
    // index must answer at least 10x faster per query (measured ~100x and more).
    const s = performance.now();
    let scanned = 0;
    for (let k = 0; k < 200; k++) scanned += items.filter((i) => i.start <= at(k) && at(k) < i.end).length;
    const scanPerQuery = (performance.now() - s) / 200;
    expect(scanned).toBe(200);
    expect(indexedPerQuery * 10).toBeLessThan(scanPerQuery);
    expect(big.covering(2 ** 32 - 1_000_000 + 15)).toEqual([]);
  });
});

describe('change layers', () => {
  const steps = [
    { changes: [[0, 4]] as [number, number][] },
    { changes: [[2, 6]] as [number, number][] },
    { changes: [[10, 12]] as [number, number][] },
  ];
  it('ages changes by how many steps ago they happened, youngest wins', () => {
    const ages = paintAges(changeIndex(steps, 2), 0, 12);
    expect(Array.from(ages)).toEqual([2, 2, 1, 1, 1, 1, -1, -1, -1, -1, 0, 0]);
  });
  it('drops steps past the fade horizon and views from a past step', () => {
    expect(Array.from(paintAges(changeIndex(steps, 2, 1), 0, 4))).toEqual([-1, -1, -1, -1]);
    expect(Array.from(paintAges(changeIndex(steps, 0), 0, 6))).toEqual([0, 0, 0, 0, -1, -1]);
  });
  it('paints the innermost region over the outer one', () => {
    const regions = new IntervalIndex([
      { start: 0, end: 16, value: 1 },
      { start: 4, end: 8, value: 2 },
    ]);
    expect(Array.from(paintInnermost(regions, 2, 10))).toEqual([1, 1, 2, 2, 2, 2, 1, 1]);
  });
});
