import { describe, expect, it } from 'vitest';
import type { MemoryBand, Region } from '../../src-main/shared/dto.ts';
import { RowModelCache } from './grid-frame.ts';
import { buildRows, type GridInput, type RowModel } from './grid-model.ts';
import { IntervalIndex } from './highlights.ts';
import { regionIndex } from './regions.ts';

// Eight visible rows of 16 bytes at 0x1000..0x1080, inside a held chunk of 0x1000..0x1100; the
// row at 0x1040 has two region chips, so chip room decides how many show.
const ret: Region = { id: 3, name: 'ret', kind: 'alloc', start: 0x1004, size: 8, freed: false, createdStep: 0 };
const text: Region = { id: 4, name: 'text', kind: 'text', start: 0x1040, size: 12, freed: false, createdStep: 1, type: 'utf8' };
const len: Region = { id: 6, name: 'len', kind: 'value', start: 0x104c, size: 4, freed: false, createdStep: 1, type: 'u32' };
const bytes = new Uint8Array(256).map((_, i) => (i * 7) & 0xff);

const chunkOf = (b: Uint8Array, address = 0x1000) => ({ address, bytes: b, memorySize: 65536, step: null });
const withRegions = (regions: Region[]) => ({ regionIdx: regionIndex(regions), regionsById: new Map(regions.map((r) => [r.id, r])) });
const changed = (...steps: [number, number][][]) =>
  new IntervalIndex(steps.flatMap((ranges, age) => ranges.map(([start, end]) => ({ start, end, value: age }))));

function input(over: Partial<GridInput> = {}): GridInput {
  return {
    chunk: chunkOf(bytes), memorySize: 65536, bytesPerRow: 16, top: 0x100, visibleRows: 8,
    changes: changed([[0x1008, 0x100a]]), ...withRegions([ret, text, len]),
    selection: null, selectionWidth: 1, range: null, marks: new IntervalIndex<number>([]), chipRoom: 200, chipFont: 11.5,
    heapFree: [], heapHeaders: [], bands: [], ...over,
  };
}

/** Bytes with `at` set to `value` (a fresh array, as a step's window is). */
function poked(at: number, value: number, from: Uint8Array = bytes): Uint8Array {
  const b = from.slice();
  b[at - 0x1000] = value;
  return b;
}

/** Which visible rows (by index) `next` built afresh rather than kept from `prev`. */
const rebuilt = (prev: RowModel[], next: RowModel[]) => next.flatMap((r, i) => (prev.find((p) => p === r) ? [] : [i]));

describe('RowModelCache after a step', () => {
  it('rebuilds only the row whose bytes and change marks the step changed', () => {
    const cache = new RowModelCache();
    const before = input({ changes: changed() });
    const first = cache.build(before);
    // A step's event brings a fresh window, change index, region list and heap lists, equal
    // except for one byte in the third row.
    const step: GridInput = {
      ...before, chunk: chunkOf(poked(0x1025, 0x41)), changes: changed([[0x1025, 0x1026]]),
      ...withRegions([{ ...ret }, { ...text }, { ...len }]), heapFree: [], marks: new IntervalIndex<number>([]),
    };
    const after = cache.build(step);
    expect(rebuilt(first, after)).toEqual([2]);
    expect(after).toEqual(buildRows(step));
  });

  it('rebuilds the rows whose change marks aged along with the ones the next step changed', () => {
    const cache = new RowModelCache();
    const one = input({ chunk: chunkOf(poked(0x1025, 0x41)), changes: changed([[0x1025, 0x1026]]) });
    const first = cache.build(one);
    const two = { ...one, chunk: chunkOf(poked(0x1058, 0x42, one.chunk!.bytes)), changes: changed([[0x1058, 0x1059]], [[0x1025, 0x1026]]) };
    const second = cache.build(two);
    expect(rebuilt(first, second)).toEqual([2, 5]);
    expect(second).toEqual(buildRows(two));
  });

  it('keeps every row when only identities changed, and when the view just moved', () => {
    const cache = new RowModelCache();
    const base = input();
    const first = cache.build(base);
    const same = cache.build({ ...base, chunk: chunkOf(bytes.slice()), ...withRegions([{ ...ret }, { ...text }, { ...len }]), range: null });
    expect(rebuilt(first, same)).toEqual([]);
    const moved = cache.build({ ...base, top: 0x101 });
    expect(moved.slice(0, 7)).toEqual(first.slice(1));
    expect(rebuilt(first, moved)).toEqual([7]);
  });
});

/** A change of one input that restyles some row, named for the failure message. */
const restyles: [string, (base: GridInput) => Partial<GridInput>][] = [
  ['a byte', () => ({ chunk: chunkOf(poked(0x1031, 0)) })],
  ['a window that no longer holds some rows', () => ({ chunk: chunkOf(bytes.slice(0x40), 0x1040) })],
  ['step back: older bytes and marks', () => ({ chunk: chunkOf(poked(0x1009, 0x99)), changes: changed([[0x1060, 0x1062]]) })],
  ['change ages', () => ({ changes: changed([], [[0x1008, 0x100a]]) })],
  ['a new region', (b) => withRegions([...b.regionsById.values(), { ...ret, id: 9, name: 'new', start: 0x1070, size: 2 }])],
  ['a region freed', () => withRegions([{ ...ret, freed: true }, text, len])],
  ['a region renamed', () => withRegions([ret, { ...text, name: 'msg' }, len])],
  ['a region retyped', () => withRegions([ret, { ...text, type: 'utf16' }, len])],
  ['a region grown', () => withRegions([ret, { ...text, size: 40 }, len])],
  ['a region gone', () => withRegions([ret, len])],
  ['a region with a new id (colour)', () => withRegions([{ ...ret, id: 5 }, text, len])],
  ['a region index alone', () => ({ regionIdx: regionIndex([ret, { ...text, size: 40 }, len]) })],
  ['a region known by id only', (b) => ({ regionsById: new Map([...b.regionsById].map(([id, r]) => [id, { ...r, freed: true }])) })],
  ['the selection', () => ({ selection: 0x1033 })],
  ['the inspector width', (b) => ({ selectionWidth: b.selectionWidth + 4 })],
  ['the range', () => ({ range: [0x1010, 0x1024] })],
  ['search hits', () => ({ marks: new IntervalIndex([{ start: 0x1050, end: 0x1053, value: 0 }]) })],
  ['the current search hit', () => ({ marks: new IntervalIndex([{ start: 0x1008, end: 0x100a, value: 1 }]) })],
  ['heap free chunks', () => ({ heapFree: [[0x1020, 0x1030]] })],
  ['heap headers', () => ({ heapHeaders: [[0x1060, 0x1068]] })],
  ['memory-map bands', () => ({ bands: [{ kind: 'heap', start: 0x1030, end: 0x1050, label: 'heap' } as MemoryBand] })],
  ['chip room', () => ({ chipRoom: 10 })],
  ['chip font', () => ({ chipFont: 40 })],
  ['address digits (memory past 4 GiB)', () => ({ memorySize: 2 ** 32 + 65536 })],
  ['the last row\'s length (memory grew)', () => ({ memorySize: 0x1078 })],
  ['bytes per row', () => ({ bytesPerRow: 8, top: 0x200 })],
];

describe('RowModelCache never keeps a row that looks different', () => {
  it.each(restyles)('%s', (_, change) => {
    let restyled = 0;
    for (const base of [input(), input({ selection: 0x1004, selectionWidth: 4, heapHeaders: [[0x1000, 0x1004]], bands: [{ kind: 'data', start: 0, end: 0x1038, label: 'data' } as MemoryBand] })]) {
      const cache = new RowModelCache();
      const first = cache.build(base);
      const next = { ...base, ...change(base) };
      const fresh = buildRows(next);
      expect(cache.build(next)).toEqual(fresh);
      if (JSON.stringify(fresh) !== JSON.stringify(first)) restyled++;
      // And back: the cache follows a change undone.
      expect(cache.build(base)).toEqual(buildRows(base));
    }
    // The change restyled a row from at least one start, or the case proves nothing.
    expect(restyled).toBeGreaterThan(0);
  });

  it('agrees with a fresh build over a long random walk of every input', () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    const cache = new RowModelCache();
    let now = input();
    for (let i = 0; i < 600; i++) {
      const [, change] = restyles[rand(restyles.length)];
      const moves: Partial<GridInput>[] = [{}, { top: 0x100 + rand(4) }, { visibleRows: 4 + rand(6) }, { selection: 0x1000 + rand(0x80) }];
      // Half the time, start again from the base so inputs do not drift out of the chunk for good.
      now = { ...(rand(2) ? now : input()), ...change(now), ...moves[rand(moves.length)] };
      expect(cache.build(now), `step ${i}`).toEqual(buildRows(now));
    }
  });
});
