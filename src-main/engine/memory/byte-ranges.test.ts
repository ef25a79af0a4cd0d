// narrowWords against a byte-by-byte comparison, with and without 64-bit lanes.

import { describe, expect, it } from 'vitest';
import { narrowWords, RangeBuilder, wordsOf } from './byte-ranges.ts';

function naive(x: Uint8Array, y: Uint8Array, from: number, to: number): [number, number][] {
  const out = new RangeBuilder();
  for (let i = from; i < to; i++) if (x[i] !== y[i]) out.add(i, i + 1);
  return out.ranges;
}

describe('narrowWords', () => {
  it('finds every differing byte, skipping equal lanes, at odd and even word edges', () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    for (let round = 0; round < 200; round++) {
      const x = new Uint8Array(1024);
      const y = new Uint8Array(1024);
      for (let i = 0; i < x.length; i++) x[i] = y[i] = random(256);
      // Whole words, single bytes, and both words of a lane changed.
      for (let edit = random(8); edit > 0; edit--) {
        const at = random(x.length - 8);
        for (let k = random(9); k > 0; k--) y[at + k - 1] ^= 1 + random(255);
      }
      const from = random(128);
      const to = from + random(256 - from + 1);
      const lanes = new RangeBuilder();
      narrowWords(wordsOf(x), wordsOf(y), from, to, 0, lanes);
      const words = new RangeBuilder();
      narrowWords({ words: wordsOf(x).words, lanes: null }, { words: wordsOf(y).words, lanes: null }, from, to, 0, words);
      expect(lanes.ranges).toEqual(naive(x, y, 4 * from, 4 * to));
      expect(words.ranges).toEqual(lanes.ranges);
      expect(lanes.bytes).toBe(words.bytes);
    }
  });

  it('has no lanes for bytes that are 4- but not 8-byte aligned', () => {
    expect(wordsOf(new Uint8Array(64).subarray(4)).lanes).toBeNull();
    expect(wordsOf(new Uint8Array(64).subarray(8)).lanes).not.toBeNull();
  });
});
