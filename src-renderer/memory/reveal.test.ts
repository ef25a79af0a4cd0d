import { describe, expect, it } from 'vitest';
import { revealAddress } from './reveal.ts';

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
