// What a call of an allocator export does to the heap (allocEffect), for C's realloc exported
// beside malloc and free: its cases by the C standard, as regions and the heap ledger see them.

import { describe, expect, it } from 'vitest';
import type { AllocatorInfo } from '../../shared/dto.ts';
import { allocEffect, isCRealloc } from './allocator.ts';

const fn = (name: string) => ({ name, type: { params: [], results: [] } });
const C: AllocatorInfo = { convention: 'malloc', alloc: fn('malloc'), free: fn('free') };
const RUST: AllocatorInfo = { convention: 'alloc', alloc: fn('alloc'), free: fn('dealloc') };

describe('allocEffect of realloc(p, n)', () => {
  it('moved: the new block allocated, the old one freed; in place: the same block, asked for the new size', () => {
    expect(allocEffect(C, 'realloc', [0x100n, 64n], [0x200n])).toEqual({ alloc: { ptr: 0x200, size: 64 }, freed: [{ ptr: 0x100 }] });
    expect(allocEffect(C, 'realloc', [0x100n, 64n], [0x100n])).toEqual({ freed: [], resized: { ptr: 0x100, size: 64 } });
  });

  it('realloc(NULL, n) is a malloc; a NULL result with a size leaves the old block; realloc(p, 0) returning NULL freed it', () => {
    expect(allocEffect(C, 'realloc', [0n, 16n], [0x300n])).toEqual({ alloc: { ptr: 0x300, size: 16 }, freed: [] });
    expect(allocEffect(C, 'realloc', [0x100n, 1n << 31n], [0n])).toEqual({ alloc: undefined, freed: [] });
    expect(allocEffect(C, 'realloc', [0x100n, 0n], [0n])).toEqual({ alloc: undefined, freed: [{ ptr: 0x100 }] });
  });

  it('is C\'s only: an export named realloc beside another convention is an ordinary function', () => {
    expect(isCRealloc(C, 'realloc')).toBe(true);
    expect(isCRealloc(RUST, 'realloc')).toBe(false);
    expect(allocEffect(RUST, 'realloc', [0x100n, 64n], [0x200n])).toEqual({ freed: [] });
  });
});
