import { describe, expect, it } from 'vitest';
import type { Region } from './dto.ts';
import { overlapsAny, revealAddress, revealAfter } from './reveal.ts';

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
});
