import { describe, expect, it } from 'vitest';
import { paintInnermost } from './highlights.ts';
import { marksFor, marksIndexOf } from './marks.ts';

const ranges = (n: number): [number, number][] => Array.from({ length: n }, (_, i) => [i * 2, i * 2 + 1]);

describe('marksFor', () => {
  it('values the current range 1 and the others 0, as the grid reads them', () => {
    const marks = marksFor([[0x10, 0x12], [0x20, 0x24], [0x30, 0x31]], 1);
    expect(marks.size).toBe(3);
    expect(marks.overlapping(0, 0x100).map((m) => [m.start, m.value])).toEqual([[0x10, 0], [0x20, 1], [0x30, 0]]);
    expect(marks.covering(0x22)).toEqual([{ start: 0x20, end: 0x24, value: 1 }]);
    expect([...paintInnermost(marks, 0x1f, 0x22)]).toEqual([-1, 1, 1]);
  });

  it('moving the current one through 100,000 ranges builds their index once', () => {
    const list = ranges(100_000);
    const first = marksFor(list, 0);
    const next = marksFor(list, 1, first);
    expect(marksIndexOf(next)).toBe(marksIndexOf(first));
    expect(next.covering(2)[0]!.value).toBe(1);
    expect(next.covering(0)[0]!.value).toBe(0);
    // Search hits come as a new list of the same ranges at every press: the index is kept too.
    const again = marksFor(list.map(([a, b]) => [a, b]), 2, next);
    expect(marksIndexOf(again)).toBe(marksIndexOf(first));
    expect(again.covering(4)[0]!.value).toBe(1);
  });

  it('other ranges get their own index; no ranges mark nothing', () => {
    const first = marksFor(ranges(3), 0);
    const other = marksFor([[0, 1], [2, 3], [4, 6]], 0, first);
    expect(marksIndexOf(other)).not.toBe(marksIndexOf(first));
    expect(other.covering(5)[0]!.end).toBe(6);
    const none = marksFor([], 0, other);
    expect(none.size).toBe(0);
    expect(none.overlapping(0, 100)).toEqual([]);
  });
});
