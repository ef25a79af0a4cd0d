// guessAllocator: which exports the starter names with an `allocator` line when no convention
// matched, read off whole words of their names and their signatures.

import { describe, expect, it } from 'vitest';
import type { ExportInfo, ValType } from '../../shared/dto.ts';
import { guessAllocator } from './allocator.ts';

const fn = (name: string, params: ValType[], results: ValType[] = []): ExportInfo => ({ name, index: 0, kind: 'func', type: { params, results } });
const ALLOC = ['i32'] as ValType[];
const names = (exports: ExportInfo[]) => {
  const a = guessAllocator(exports);
  return a && [a.alloc.name, a.free?.name ?? null];
};

describe('guessAllocator', () => {
  it('pairs the allocating export with the free that has the same other words', () => {
    expect(names([fn('free_all', []), fn('alloc_buf', ALLOC, ['i32']), fn('free_buf', ['i32', 'i32']), fn('release_all', ['i32'])]))
      .toEqual(['alloc_buf', 'free_buf']);
    expect(names([fn('wasmMalloc', ALLOC, ['i32']), fn('wasmFree', ['i32'])])).toEqual(['wasmMalloc', 'wasmFree']);
  });

  it('a lone free goes with the allocator whatever its other words; none leaves the allocator without one', () => {
    expect(names([fn('buffer_alloc', ALLOC, ['i32']), fn('dealloc', ['i32', 'i32'])])).toEqual(['buffer_alloc', 'dealloc']);
    expect(names([fn('bump_alloc', ALLOC, ['i32']), fn('upper', ['i32', 'i32'])])).toEqual(['bump_alloc', null]);
  });

  it('guesses nothing from words inside other words, wrong signatures, or two allocators', () => {
    expect(names([fn('allocation_count', [], ['i32'])])).toBeNull();
    expect(names([fn('reallocate', ALLOC, ['i32'])])).toBeNull();
    expect(names([fn('alloc_buf', ['i64'], ['i64'])])).toBeNull();
    expect(names([fn('alloc_a', ALLOC, ['i32']), fn('alloc_b', ALLOC, ['i32'])])).toBeNull();
    // freeze is not free; a "free" that returns a value is not one either.
    expect(names([fn('my_alloc', ALLOC, ['i32']), fn('freeze', ['i32']), fn('free_slot', ['i32'], ['i32'])])).toEqual(['my_alloc', null]);
  });
});
