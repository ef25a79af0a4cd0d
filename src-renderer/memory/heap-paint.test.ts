// Heap painting helpers: byte codes over a visible window, band lookup, map bar widths.

import { describe, expect, it } from 'vitest';
import type { MemoryBand } from '../../src-main/shared/dto.ts';
import { bandAt, barSegments, mergeBands, paintHeap, PAINT_FREE, PAINT_HEADER } from './heap-paint.ts';

const bands: MemoryBand[] = [
  { start: 1024, end: 1037, kind: 'data', label: '.rodata' },
  { start: 1037, end: 67088, kind: 'stack', label: 'stack' },
  { start: 67088, end: 131072, kind: 'heap', label: 'dlmalloc' },
];

describe('heap painting', () => {
  it('paints headers and free chunks inside the window only, headers over free', () => {
    const paint = paintHeap([[100, 120], [200, 300]], [[96, 100], [116, 120], [196, 200]], 110, 210);
    expect(paint.length).toBe(100);
    expect(paint[0]).toBe(PAINT_FREE); // 110 in [100, 120)
    expect(paint[116 - 110]).toBe(PAINT_HEADER);
    expect(paint[150 - 110]).toBe(0);
    expect(paint[196 - 110]).toBe(PAINT_HEADER);
    expect(paint[205 - 110]).toBe(PAINT_FREE);
  });

  it('finds the band of an address, and none in a gap', () => {
    expect(bandAt(bands, 1030)?.label).toBe('.rodata');
    expect(bandAt(bands, 70000)?.kind).toBe('heap');
    expect(bandAt(bands, 10)).toBeNull();
    expect(bandAt(bands, 131072)).toBeNull();
  });

  it('looks a band up by binary search: a few reads of 10,000 bands, not a pass over all (once per grid row)', () => {
    const many: MemoryBand[] = Array.from({ length: 10_000 }, (_, i) => ({ start: i * 64, end: i * 64 + 48, kind: 'heap', label: `b${i}` }));
    let reads = 0;
    const counted = new Proxy(many, { get: (t, k, r) => (typeof k === 'string' && /^\d+$/.test(k) && reads++, Reflect.get(t, k, r)) });
    expect(bandAt(counted, 64 * 7777 + 10)?.label).toBe('b7777');
    expect(bandAt(counted, 64 * 7777 + 50)).toBeNull();
    expect(reads).toBeLessThan(40);
  });

  it('gives tiny bands a minimum width and the rest their share, summing to 100%', () => {
    const segs = barSegments(bands, 131072);
    expect(segs.map((s) => s.band?.kind ?? 'gap')).toEqual(['gap', 'data', 'stack', 'heap']);
    expect(segs[1]!.width).toBe(3);
    expect(segs.reduce((a, s) => a + s.width, 0)).toBeCloseTo(100, 6);
    expect(segs[3]!.width).toBeGreaterThan(segs[2]!.width * 0.9);
  });

  it('merges runs of same-kind bands too close to tell apart on the bar (15,000 Go data segments)', () => {
    const size = 16 * 1024 * 1024;
    const data: MemoryBand[] = Array.from({ length: 15_000 }, (_, i) => ({ start: 0x3000 + i * 32, end: 0x3000 + i * 32 + 24, kind: 'data', label: `seg ${i}` }));
    const all: MemoryBand[] = [...data, { start: 0x100000, end: size, kind: 'heap', label: 'heap' }];
    const merged = mergeBands(all, size);
    expect(merged.map((b) => [b.kind, b.start, b.end])).toEqual([['data', 0x3000, 0x3000 + 14_999 * 32 + 24], ['heap', 0x100000, size]]);
    expect(merged[0]!.label).toBe('seg 0 … seg 14999 (15000 data bands)');
    expect(barSegments(all, size).map((s) => s.band?.kind ?? 'gap')).toEqual(['gap', 'data', 'gap', 'heap']);
    // Bands of different kinds, or far apart, stay apart.
    expect(mergeBands(bands, 131072)).toEqual(bands);
  });
});
