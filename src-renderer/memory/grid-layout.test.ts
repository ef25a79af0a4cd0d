import { describe, expect, it } from 'vitest';
import { gridWidths, rowTextWidth, SIDE_WIDTH } from './grid-layout.ts';

describe('grid layout', () => {
  it('counts the text of a row: 8 address digits, 32 hex digits and 16 narrow spaces, 16 ASCII characters', () => {
    // "xx xx xx xx xx xx xx xx  xx xx xx xx xx xx xx xx", each space 0.6 of a character.
    expect(rowTextWidth(10, 16)).toBeCloseTo(10 * (8 + 32 + 16 * 0.6 + 16) + 62);
    // 16 more bytes: 2 digits, a space and an ASCII character each, and one more group gap.
    expect(rowTextWidth(10, 32) - rowTextWidth(10, 16)).toBeCloseTo(10 * (16 * 3 + 18 * 0.6));
  });

  it('keeps the inspector beside the grid when both fit, and moves it under when not', () => {
    const wide = gridWidths(1400, 7.8, 16);
    expect(wide.stacked).toBe(false);
    expect(wide.sideWidth).toBeGreaterThanOrEqual(SIDE_WIDTH);
    expect(wide.sideWidth).toBeLessThanOrEqual(300);
    expect(wide.chipRoom).toBeCloseTo(1400 - rowTextWidth(7.8, 16) - wide.sideWidth);
    const narrow = gridWidths(700, 7.8, 16);
    expect(narrow.stacked).toBe(true);
    expect(narrow.chipRoom).toBeCloseTo(700 - rowTextWidth(7.8, 16));
  });

  it('gives no negative room for chips', () => {
    expect(gridWidths(300, 7.8, 32).chipRoom).toBe(0);
  });
});
