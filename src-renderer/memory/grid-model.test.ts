import { describe, expect, it } from 'vitest';
import type { Region } from '../../src-main/shared/dto.ts';
import { RowModelCache, sameGridInput } from './grid-frame.ts';
import { buildRows, type GridInput } from './grid-model.ts';
import { IntervalIndex } from './highlights.ts';
import { regionIndex } from './regions.ts';

const ret: Region = { id: 3, name: 'ret', kind: 'alloc', start: 0x1004, size: 8, freed: false, createdStep: 0 };
const bytes = new Uint8Array(64);
bytes.set([0x68, 0x69, 0, 0, 0x20, 0x10, 0, 0], 4);

function input(over: Partial<GridInput> = {}): GridInput {
  return {
    chunk: { address: 0x1000, bytes, memorySize: 65536, step: null }, memorySize: 65536, bytesPerRow: 16, top: 0x100, visibleRows: 4,
    changes: new IntervalIndex([{ start: 0x1008, end: 0x100a, value: 0 }]), regionIdx: regionIndex([ret]), regionsById: new Map([[3, ret]]),
    selection: null, selectionWidth: 1, range: null, marks: new IntervalIndex<number>([]), chipRoom: 200, chipFont: 11.5,
    heapFree: [], heapHeaders: [], bands: [], ...over,
  };
}

describe('grid rows', () => {
  it('draws a row as text, with a run only where bytes are styled', () => {
    const [row] = buildRows(input());
    expect(row.label).toBe('0x00001000');
    expect(row.hex.map((s) => s.text).join('')).toBe('00 00 00 00 68 69 00 00  20 10 00 00 00 00 00 00');
    expect(row.ascii.map((s) => s.text).join('')).toBe('....hi.. .......');
    // Zeros dimmed, the region's bytes and the changed pair as runs with their first address.
    const styled = row.hex.filter((s) => s.cls !== null).map((s) => [s.start, s.len, s.cls, s.age]);
    expect(styled).toEqual([
      [0x1000, 4, 'b z', -1], [0x1004, 2, 'b reg', -1], [0x1006, 2, 'b reg z', -1],
      [0x1008, 2, 'b reg', 0], [0x100a, 2, 'b reg z', -1], [0x100c, 4, 'b z', -1],
    ]);
    expect(row.chips.map((c) => c.name)).toEqual(['ret']);
  });

  it('gives an unstyled row one plain text, and a zero row a key that does not name its address', () => {
    const rows = buildRows(input({ chunk: { address: 0x1000, bytes: new Uint8Array(64).fill(0x41), memorySize: 65536, step: null }, regionIdx: new IntervalIndex([]), regionsById: new Map(), changes: new IntervalIndex([]) }));
    expect(rows[0].hex).toHaveLength(1);
    expect(rows[0].hex[0].cls).toBeNull();
    const zeros = buildRows(input({ top: 0x200 }));
    expect(zeros[0].hexKey).toBe(zeros[1].hexKey);
  });

  it('marks the selection, the inspected bytes and the range', () => {
    const [row] = buildRows(input({ selection: 0x1004, selectionWidth: 4, range: [0x1004, 0x100c] }));
    const at = (a: number) => row.hex.find((s) => s.cls !== null && a >= s.start && a < s.start + s.len)!.cls;
    expect(at(0x1004)).toContain('sel');
    expect(at(0x1005)).toContain('insp');
    expect(at(0x100b)).toContain('rng');
  });

  it('reuses the rows of the frame before while only the window moved', () => {
    const cache = new RowModelCache();
    const base = input();
    const first = cache.build(base);
    const moved = cache.build({ ...base, top: 0x101 });
    expect(moved[0]).toBe(first[1]);
    const restyled = cache.build({ ...base, top: 0x101, selection: 0x1010 });
    expect(restyled[0]).not.toBe(moved[0]);
    // Inputs compare by identity, except that any two empty lists are the same.
    expect(sameGridInput(base, { ...base, heapFree: [] })).toBe(true);
    expect(sameGridInput(base, { ...base, top: 1 })).toBe(false);
    expect(sameGridInput(base, input())).toBe(false);
  });
});
