import { describe, expect, it } from 'vitest';
import type { Region } from './dto.ts';
import { overlapsAny, revealAddress, revealAfter, stepToReveal } from './reveal.ts';

// return-string's first step: malloc(8) wrote its bookkeeping at 0x10000 and the chunk header at
// 0x1061c, and returned 0x10620, which the host's `ret` region covers.
const malloc = { index: 0, changes: [[0x10000, 0x10010], [0x1061c, 0x10620]] as [number, number][] };
const ret = { start: 0x10620, size: 8, createdStep: 0 };
const inRet = (a: number, b: number) => a < ret.start + ret.size && b > ret.start;

describe('revealAddress', () => {
  it('goes to the allocation a step created, not to the allocator\'s bookkeeping', () => {
    expect(revealAddress(malloc, [ret], inRet, 0, 0x200, false)).toBe(0x10620);
    expect(revealAddress(malloc, [ret], inRet, 0, 0x200, true)).toBe(0x10620);
  });
  it('stays when the new allocation is already in view', () => {
    expect(revealAddress(malloc, [ret], inRet, 0x10600, 0x10800, false)).toBeNull();
  });
  it('without a new region, prefers a change inside a region, else the first change when nothing is selected', () => {
    const call = { index: 1, changes: [[0x10000, 0x10004], [0x10620, 0x10628]] as [number, number][] };
    expect(revealAddress(call, [ret], inRet, 0, 0x200, true)).toBe(0x10620);
    const bookkeeping = { index: 1, changes: [[0x10000, 0x10004]] as [number, number][] };
    expect(revealAddress(bookkeeping, [ret], inRet, 0x20000, 0x20200, false)).toBe(0x10000);
    expect(revealAddress(bookkeeping, [ret], inRet, 0x20000, 0x20200, true)).toBeNull();
  });
});

describe('overlapsAny', () => {
  it('answers like a scan of every span, nested and empty ones included', () => {
    const spans: [number, number][] = [[10, 100], [20, 30], [150, 160], [40, 40], [200, 210], [205, 206]];
    const any = overlapsAny(spans);
    for (let a = 0; a < 230; a += 3) {
      for (const len of [1, 5, 40]) {
        const scan = spans.some(([s, e]) => e > s && a < e && a + len > s);
        expect(any(a, a + len), `[${a}, ${a + len})`).toBe(scan);
      }
    }
    expect(overlapsAny([])(0, 10)).toBe(false);
  });
});

describe('revealAfter (what the backend reads ahead)', () => {
  const region = (r: Partial<Region> & Pick<Region, 'id' | 'start' | 'size' | 'createdStep'>): Region =>
    ({ name: `r${r.id}`, kind: 'alloc', freed: false, ...r });
  it('is where the grid goes with nothing selected, counting only regions alive at the step', () => {
    const regions = [region({ id: 1, ...ret })];
    expect(revealAfter(malloc, regions, 0, 0x200)).toBe(0x10620);
    expect(revealAfter(malloc, regions, 0x10000, 0x11000)).toBeNull();
    // A write into a region freed two steps earlier is bookkeeping now: the first change wins.
    const write = { index: 3, changes: [[0x10000, 0x10004], [0x10620, 0x10624]] as [number, number][] };
    expect(revealAfter(write, regions, 0x20000, 0x21000)).toBe(0x10620);
    const freed = [region({ id: 1, ...ret, freed: true, freedStep: 1 })];
    expect(revealAfter(write, freed, 0x20000, 0x21000)).toBe(0x10000);
  });
  it('counts a region freed by the step itself, whichever step is shown when it is revealed', () => {
    // heap-who-frees' free(name): bookkeeping at 0x408, dlmalloc's links inside the freed `name`.
    const free = { index: 7, changes: [[0x408, 0x409], [0x1060c, 0x1060d], [0x10610, 0x10616]] as [number, number][] };
    const name = [region({ id: 1, start: 0x10610, size: 5, createdStep: 2, freed: true, freedStep: 7 })];
    expect(revealAfter(free, name, 0, 0x200)).toBe(0x10610);
    expect(revealAfter(free, name, 0, 0x200, true)).toBe(0x10610);
    expect(revealAfter(free, name, 0x10600, 0x10700)).toBeNull();
  });
});

describe('stepToReveal', () => {
  // heap-who-frees' run: malloc made `name` (step 2), the host wrote it (3), checks (5, 6), a
  // free that changed bookkeeping (7), a failing check (8).
  const at = (index: number, changes: [number, number][] = []) => ({ index, changes });
  const steps = [at(0, [[0x400, 0x408]]), at(1), at(2, [[0x1060c, 0x10610]]), at(3, [[0x10610, 0x10615]]),
    at(4), at(5), at(6), at(7, [[0x1060c, 0x10610]]), at(8)];
  const regions = [{ start: 0x10610, size: 5, createdStep: 2 }, { start: 0x10620, size: 13, createdStep: 5 }];
  it('after a run, is the newest step with a change or a new region, not the last step', () => {
    expect(stepToReveal(steps, 0, 8, regions)?.index).toBe(7);
    expect(stepToReveal(steps, 0, 6, regions)?.index).toBe(5);
    expect(stepToReveal(steps, 3, 4, regions)?.index).toBe(4);
  });
  it('is the step itself after one F10, a step back or when no step in between has anything', () => {
    expect(stepToReveal(steps, 7, 8, regions)?.index).toBe(8);
    expect(stepToReveal(steps, 8, 6, regions)?.index).toBe(6);
    expect(stepToReveal(steps, 5, 6, regions)?.index).toBe(6);
    expect(stepToReveal([at(0), at(1), at(2)], 0, 2, [])?.index).toBe(2);
    expect(stepToReveal(steps, 8, 8, regions)?.index).toBe(8);
  });
});
