// Heap painting helpers: byte codes over a visible window, band lookup, map bar widths.

import { describe, expect, it } from 'vitest';
import type { MemoryBand } from '../../src-main/shared/dto.ts';
import { bandAt, barSegments, paintHeap, PAINT_FREE, PAINT_HEADER } from './heap-paint.ts';

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
  });

  it('gives tiny bands a minimum width and the rest their share, summing to 100%', () => {
    const segs = barSegments(bands, 131072);
    expect(segs.map((s) => s.band?.kind ?? 'gap')).toEqual(['gap', 'data', 'stack', 'heap']);
    expect(segs[1]!.width).toBe(3);
    expect(segs.reduce((a, s) => a + s.width, 0)).toBeCloseTo(100, 6);
    expect(segs[3]!.width).toBeGreaterThan(segs[2]!.width * 0.9);
  });
});
