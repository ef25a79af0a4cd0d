// What a call of an allocator export does to the heap (allocEffect), for C's realloc exported
// beside malloc and free: its cases by the C standard, as regions and the heap ledger see them;
// and AssemblyScript's __unpin and __pin, which let go of an object and hold it again.

import { describe, expect, it } from 'vitest';
import type { AllocatorInfo } from '../../shared/dto.ts';
import { allocEffect, isCRealloc } from './allocator.ts';

const fn = (name: string) => ({ name, type: { params: [], results: [] } });
const C: AllocatorInfo = { convention: 'malloc', alloc: fn('malloc'), free: fn('free') };
const RUST: AllocatorInfo = { convention: 'alloc', alloc: fn('alloc'), free: fn('dealloc') };
const AS: AllocatorInfo = { convention: 'assemblyscript', alloc: fn('__new'), free: null, pin: fn('__pin'), unpin: fn('__unpin') };

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

describe('allocEffect of AssemblyScript\'s __unpin and __pin', () => {
  it('__unpin lets go of the object (a free, for the ledger); __pin holds it again', () => {
    expect(allocEffect(AS, '__unpin', [0x100n], [])).toEqual({ freed: [{ ptr: 0x100 }] });
    expect(allocEffect(AS, '__pin', [0x100n], [0x100n])).toEqual({ freed: [], pinned: 0x100 });
    expect(allocEffect(C, '__pin', [0x100n], [0x100n])).toEqual({ freed: [] });
  });
});
