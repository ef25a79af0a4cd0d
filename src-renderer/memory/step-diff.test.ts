import { describe, expect, it } from 'vitest';
import { candidateRanges, differingRanges, LIST_ROWS, listWindow, moreText } from './step-diff.ts';

describe('step diff', () => {
  const steps = [
    { changes: [[0, 4]] as [number, number][] },
    { changes: [[10, 12], [20, 24]] as [number, number][] },
    { changes: [[11, 16]] as [number, number][] },
    { changes: [[100, 101]] as [number, number][] },
  ];
  it('takes the changes of the steps in between, coalesced, in either order', () => {
    expect(candidateRanges(steps, 0, 2)).toEqual([[10, 16], [20, 24]]);
    expect(candidateRanges(steps, 2, 0)).toEqual([[10, 16], [20, 24]]);
    expect(candidateRanges(steps, 1, 1)).toEqual([]);
  });
  it('keeps only bytes that really differ; a side that ends early reads as zeros', () => {
    expect(differingRanges(10, Uint8Array.from([1, 2, 3, 4]), Uint8Array.from([1, 9, 9, 4]))).toEqual([[11, 13]]);
    expect(differingRanges(0, Uint8Array.from([5, 0]), Uint8Array.from([5, 0, 0, 7]))).toEqual([[3, 4]]);
    expect(differingRanges(0, Uint8Array.from([1, 2]), Uint8Array.from([1, 2]))).toEqual([]);
  });

  it('lists at most LIST_ROWS rows, the block holding the current range, and says what is left out', () => {
    expect(listWindow(100_000, 0)).toEqual({ from: 0, to: LIST_ROWS });
    expect(listWindow(100_000, LIST_ROWS + 3)).toEqual({ from: LIST_ROWS, to: 2 * LIST_ROWS });
    expect(listWindow(100_000, 99_999)).toEqual({ from: 99_500, to: 100_000 });
    expect(listWindow(3, 1)).toEqual({ from: 0, to: 3 });
    expect(listWindow(0, 0)).toEqual({ from: 0, to: 0 });
    expect(moreText(100_000, { from: 0, to: 500 }, 0)).toBe('99500 more not listed here (ranges 1–500 of 100000 shown; ↑ ↓ go through all 100000)');
    expect(moreText(10_000, { from: 0, to: 500 }, 90_000)).toBe('9500 more not listed here (ranges 1–500 of 10000 shown; ↑ ↓ go through all 10000); '
      + '90000 more past the first 10000, not sent: `memscope snapshot --diff` lists every range');
  });
});
