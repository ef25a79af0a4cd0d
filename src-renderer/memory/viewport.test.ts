import { describe, expect, it } from 'vitest';
import {
  clampTop, maxTopRow, pageDown, pageUp, revealTop, scrollbar, snapToPixel, thumbOffset, thumbPixel,
  topFromThumb, totalRows, wheelRows,
} from './viewport.ts';

const GiB4 = 2 ** 32;
const v4 = { totalRows: totalRows(GiB4, 16), visibleRows: 40 };

describe('viewport at the 4 GiB edge', () => {
  it('counts 268,435,456 rows of 16 bytes', () => {
    expect(v4.totalRows).toBe(268_435_456);
    expect(totalRows(GiB4, 32)).toBe(134_217_728);
    expect(totalRows(100, 16)).toBe(7);
  });
  it('clamps the top row so the last page ends on the last byte', () => {
    expect(maxTopRow(v4)).toBe(268_435_416);
    expect(clampTop(1e12, v4)).toBe(268_435_416);
    expect(clampTop(-5, v4)).toBe(0);
    expect(clampTop(NaN, v4)).toBe(0);
    const lastRowAddress = (clampTop(Infinity, v4) + v4.visibleRows - 1) * 16;
    expect(lastRowAddress).toBe(GiB4 - 16);
  });
  it('reveals 0xfffffff0 with the last row on screen', () => {
    const top = revealTop(0xfffffff0, 0, 16, v4);
    expect(top).toBe(maxTopRow(v4));
    expect(0xfffffff0 / 16).toBeGreaterThanOrEqual(top);
    expect(0xfffffff0 / 16).toBeLessThan(top + v4.visibleRows);
  });
  it('keeps the top row when the address is already visible', () => {
    expect(revealTop(16 * 105, 100, 16, v4)).toBe(100);
    expect(revealTop(16 * 300, 100, 16, v4)).toBe(300 - 13);
  });
  it('pages by a screen less one row and stops at both ends', () => {
    expect(pageDown(0, v4)).toBe(39);
    expect(pageUp(39, v4)).toBe(0);
    expect(pageUp(10, v4)).toBe(0);
    expect(pageDown(maxTopRow(v4) - 3, v4)).toBe(maxTopRow(v4));
  });
  it('handles a memory smaller than the screen', () => {
    const small = { totalRows: 4, visibleRows: 40 };
    expect(maxTopRow(small)).toBe(0);
    expect(pageDown(0, small)).toBe(0);
    expect(scrollbar(400, small).thumb).toBe(400);
    expect(thumbOffset(0, small, scrollbar(400, small))).toBe(0);
  });
});

describe('scrollbar mapping', () => {
  const s = scrollbar(600, v4);
  it('never makes the thumb smaller than the minimum', () => {
    expect(s.thumb).toBe(24);
  });
  it('maps both ends exactly and is monotonic', () => {
    expect(thumbOffset(0, v4, s)).toBe(0);
    expect(thumbOffset(maxTopRow(v4), v4, s)).toBe(576);
    expect(topFromThumb(0, v4, s)).toBe(0);
    expect(topFromThumb(576, v4, s)).toBe(maxTopRow(v4));
    expect(topFromThumb(10_000, v4, s)).toBe(maxTopRow(v4));
    expect(topFromThumb(-3, v4, s)).toBe(0);
    expect(topFromThumb(100, v4, s)).toBeLessThan(topFromThumb(101, v4, s));
  });
  it('round-trips top → offset → top within one pixel worth of rows', () => {
    const rowsPerPixel = maxTopRow(v4) / 576;
    for (const top of [0, 1234567, 134_217_728, maxTopRow(v4)]) {
      const back = topFromThumb(thumbOffset(top, v4, s), v4, s);
      expect(Math.abs(back - top)).toBeLessThanOrEqual(Math.ceil(rowsPerPixel));
    }
  });
  it('converts wheel deltas to whole rows', () => {
    expect(wheelRows(100, 0, 20, 40)).toBe(5);
    expect(wheelRows(3, 0, 20, 40)).toBe(1);
    expect(wheelRows(-3, 0, 20, 40)).toBe(-1);
    expect(wheelRows(3, 1, 20, 40)).toBe(3);
    expect(wheelRows(1, 2, 20, 40)).toBe(40);
    expect(wheelRows(0, 0, 20, 40)).toBe(0);
  });
});

describe('markers at whole device pixels', () => {
  it('rounds to device pixels at any ratio', () => {
    expect(snapToPixel(10.4, 1)).toBe(10);
    expect(snapToPixel(10.3, 2)).toBe(10.5);
    expect(snapToPixel(10.3, 0)).toBe(10);
  });

  it('a wheel notch over 1 GiB leaves the thumb where it is; a page of notches moves it', () => {
    const v = { totalRows: totalRows(2 ** 30, 16), visibleRows: 40 };
    const at = (top: number) => thumbPixel(top, v, 802, 1);
    expect(at(1_000_005)).toBe(at(1_000_000));
    expect(at(1_200_000)).toBeGreaterThan(at(1_000_000));
    expect(at(maxTopRow(v))).toBe(800 - scrollbar(800, v).thumb);
  });
});
