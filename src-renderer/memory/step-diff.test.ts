import { describe, expect, it } from 'vitest';
import { candidateRanges, differingRanges } from './step-diff.ts';

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
});
