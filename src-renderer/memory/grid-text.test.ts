import { describe, expect, it } from 'vitest';
import { byteAtAsciiColumn, byteAtHexX, columnAt, hexColumn, hexLeft, hexLength, hexSeparator, hexSpaces } from './grid-text.ts';

/** The row text exactly as the grid writes it. */
const row = (n: number) => Array.from({ length: n }, (_, i) => i.toString(16).padStart(2, '0') + hexSeparator(i, n)).join('');

describe('grid row text', () => {
  it('puts each byte where hexColumn says, with a wider gap after every eighth', () => {
    const text = row(16);
    expect(text).toBe('00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f');
    expect(text.length).toBe(hexLength(16));
    for (let i = 0; i < 16; i++) expect(text.slice(hexColumn(i), hexColumn(i) + 2)).toBe(i.toString(16).padStart(2, '0'));
    expect(hexLength(0)).toBe(0);
    expect(row(3)).toBe('00 01 02');
  });

  it('maps every column of the text back to its byte (a separator to the byte on its left)', () => {
    for (const n of [1, 5, 8, 16, 32]) {
      const text = row(n);
      for (let c = 0; c < text.length; c++) {
        const i = byteAtHexX(c + 0.5, n, 1, 1)!;
        expect(c).toBeGreaterThanOrEqual(hexColumn(i));
        expect(c).toBeLessThan(i === n - 1 ? text.length : hexColumn(i + 1));
      }
      expect(byteAtHexX(text.length, n, 1, 1)).toBeNull();
      expect(byteAtHexX(-0.1, n, 1, 1)).toBeNull();
    }
  });

  it('places bytes with narrow spaces: two digits and the spaces before them', () => {
    const [digit, space] = [7.8, 7.8 * 0.6];
    expect(hexSpaces(16)).toBe(16);
    expect(hexLeft(8, digit, space)).toBeCloseTo(16 * digit + 9 * space);
    for (let i = 0; i < 16; i++) {
      expect(byteAtHexX(hexLeft(i, digit, space) + 0.1, 16, digit, space)).toBe(i);
      if (i < 15) expect(byteAtHexX(hexLeft(i, digit, space) + 2 * digit + 0.1, 16, digit, space)).toBe(i); // its separator
    }
    expect(byteAtHexX(32 * digit + 16 * space, 16, digit, space)).toBeNull();
  });

  it('maps ASCII columns one to one and pixels to columns by the measured width', () => {
    expect(byteAtAsciiColumn(3.9, 16)).toBe(3);
    expect(byteAtAsciiColumn(16, 16)).toBeNull();
    expect(byteAtAsciiColumn(-1, 16)).toBeNull();
    expect(columnAt(78.3, 375.84, 48)).toBeCloseTo(10);
    expect(columnAt(5, 0, 48)).toBe(-1);
  });
});
