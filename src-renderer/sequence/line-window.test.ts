import { describe, expect, it } from 'vitest';
import { lineAt, lineTops, linesInView, mayWrap } from './line-window.ts';

describe('the editor\'s line window', () => {
  it('measures only lines that may wrap: too long, a tab, or anything but printable ASCII', () => {
    expect(mayWrap('ret = malloc(8)', 40)).toBe(false);
    expect(mayWrap('x'.repeat(40), 40)).toBe(false);
    expect(mayWrap('x'.repeat(41), 40)).toBe(true);
    expect(mayWrap('\tfree(ret)', 40)).toBe(true);
    expect(mayWrap('# 日本', 40)).toBe(true);
    expect(mayWrap('# ✓ done', 40)).toBe(true);
    expect(mayWrap('', 0)).toBe(false);
  });

  it('places lines by their heights and finds the line under a pixel', () => {
    const heights = [20, 60, 20, 20];
    const tops = lineTops(heights.length, (i) => heights[i]!);
    expect(tops).toEqual([0, 20, 80, 100, 120]);
    expect([0, 19, 20, 79, 80, 119, 500].map((y) => lineAt(tops, y))).toEqual([0, 0, 1, 1, 2, 3, 3]);
    expect(lineAt(lineTops(0, () => 20), 100)).toBe(0);
  });

  it('draws the lines in view and an overscan either side, clamped to the text', () => {
    const tops = lineTops(10_000, () => 20);
    // Lines 500 to 524 are in a 500 px view at 10,000 px.
    expect(linesInView(tops, 10_000, 500, 40)).toEqual([460, 565]);
    expect(linesInView(tops, 0, 500, 40)).toEqual([0, 65]);
    expect(linesInView(tops, 200_000, 500, 40)).toEqual([9959, 10_000]);
    expect(linesInView(lineTops(0, () => 20), 0, 500, 40)).toEqual([0, 0]);
  });
});
