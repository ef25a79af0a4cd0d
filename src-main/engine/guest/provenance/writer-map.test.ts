// The writer map against the plainest model (one writer id per byte): the same runs for seeded
// mixes of what the log holds (loop runs in address order, fills across blocks, scattered stores,
// overwrites), and a 1 GiB fill kept as ranges, not as ids per byte.

import { describe, expect, it } from 'vitest';
import { WriterMap } from './writer-map.ts';

const SIZE = 5 * 4096 + 123;

function model(applied: [number, number, number][], ranges: [number, number][]): [number, number, number][] {
  const ids = new Int32Array(SIZE);
  for (const [w, s, e] of applied) ids.fill(w, s, e);
  const runs: [number, number, number][] = [];
  for (const [from, to] of ranges) {
    for (let at = from; at < to; at++) {
      const last = runs[runs.length - 1];
      if (last && last[1] === at && last[2] === ids[at]) last[1]++;
      else runs.push([at, at + 1, ids[at]!]);
    }
  }
  return runs;
}

function seeded(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return (s >>> 8) % n;
  };
}

describe('WriterMap', () => {
  it('gives the runs a writer per byte gives, for loops, fills, scattered stores and overwrites', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const rand = seeded(seed);
      const map = new WriterMap();
      const applied: [number, number, number][] = [];
      const add = (w: number, s: number, e: number): void => {
        map.apply(w, s, e);
        applied.push([w, s, e]);
      };
      for (let i = 0; i < 200; i++) {
        const w = 1 + rand(6);
        const at = rand(SIZE - 1);
        switch (rand(4)) {
          case 0: { // a loop: runs one after another
            let p = at;
            for (let k = 0; k < 1 + rand(20) && p < SIZE - 8; k++, p += 8) add(w, p, p + 8);
            break;
          }
          case 1: add(w, at, Math.min(SIZE, at + rand(3 * 4096))); break; // a fill across blocks
          case 2: for (let k = 0; k < 50; k++) { const p = rand(SIZE - 4); add(1 + rand(6), p, p + 1 + rand(4)); } break; // scattered
          default: add(w, at, at + 1);
        }
      }
      const ranges: [number, number][] = [];
      for (let at = rand(100); at < SIZE;) {
        const to = Math.min(SIZE, at + 1 + rand(6000));
        ranges.push([at, to]);
        at = to + rand(300);
      }
      expect(map.runs(ranges, 1e9).runs).toEqual(model(applied, ranges));
    }
  });

  it('keeps a limit on runs and counts the rest', () => {
    const map = new WriterMap();
    for (let i = 0; i < 10; i++) map.apply(i + 1, i * 2, i * 2 + 2);
    expect(map.runs([[0, 20]], 4)).toEqual({ runs: [[0, 2, 1], [2, 4, 2], [4, 6, 3], [6, 8, 4]], dropped: 6 });
  });

  it('a 1 GiB memory.fill stays ranges (a writer id per byte was 4 GiB of arrays)', () => {
    const map = new WriterMap();
    const GiB = 1 << 30;
    map.apply(7, 16, GiB + 16);
    map.apply(9, GiB / 2, GiB / 2 + 1);
    expect(map.runs([[0, GiB + 4096]], 100).runs).toEqual([[0, 16, 0], [16, GiB / 2, 7], [GiB / 2, GiB / 2 + 1, 9], [GiB / 2 + 1, GiB + 16, 7], [GiB + 16, GiB + 4096, 0]]);
  });
});
