// guessAllocator: which exports the starter names with an `allocator` line when no convention
// matched, read off whole words of their names and their signatures.

import { describe, expect, it } from 'vitest';
import type { ExportInfo, ValType } from '../../shared/dto.ts';
import { guessAllocator } from './allocator.ts';
import { inspectBytes } from './inspect.ts';
import { body, funcType, module as wasm, section, str, T, u32, vec } from './testing/wasm-bytes.ts';

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

/** A module with a memory and one function per export, of that type (results are zeros); the allocator inspect finds. */
function allocatorOf(exports: [string, ValType[], ValType[]][]): [string, string | null] | null {
  const zero = (t: ValType) => (t === 'i64' ? [0x42, 0x00] : [0x41, 0x00]); // i64.const 0 / i32.const 0
  const bytes = wasm(
    section(1, vec(exports.map(([, p, r]) => funcType(p.map((t) => T[t as 'i32' | 'i64']), r.map((t) => T[t as 'i32' | 'i64']))))),
    section(3, vec(exports.map((_, i) => u32(i)))),
    section(5, vec([[0x00, 0x01]])),
    section(7, vec(exports.map(([name], i) => [...str(name), 0x00, ...u32(i)]))),
    section(10, vec(exports.map(([, , r]) => body(r.flatMap(zero))))),
  );
  const info = inspectBytes(bytes);
  if (!info.ok) throw new Error(info.error.message);
  const a = info.value.allocator;
  return a && [a.alloc.name, a.free?.name ?? null];
}

describe('findAllocator', () => {
  it('takes a convention\'s exports only with the types the host calls them with', () => {
    expect(allocatorOf([['malloc', ['i32'], ['i32']], ['free', ['i32'], []]])).toEqual(['malloc', 'free']);
    expect(allocatorOf([['__wbindgen_malloc', ['i32', 'i32'], ['i32']], ['__wbindgen_free', ['i32', 'i32', 'i32'], []]]))
      .toEqual(['__wbindgen_malloc', '__wbindgen_free']);
    expect(allocatorOf([['cabi_realloc', ['i32', 'i32', 'i32', 'i32'], ['i32']]])).toEqual(['cabi_realloc', null]);
  });

  it('a malloc of another type is no allocator: alloc(8) would call malloc() with the size dropped, or give an i64 pointer', () => {
    expect(allocatorOf([['malloc', [], ['i32']], ['free', ['i32'], []]])).toBeNull();
    expect(allocatorOf([['malloc', ['i64'], ['i64']], ['free', ['i32'], []]])).toBeNull();
    expect(allocatorOf([['allocate', ['i32', 'i32'], []]])).toBeNull();
    expect(allocatorOf([['cabi_realloc', ['i32'], ['i32']]])).toBeNull();
    expect(allocatorOf([['__new', ['i32'], ['i32']]])).toBeNull();
  });

  it('a free of another type is left out, not called with arguments it does not take', () => {
    expect(allocatorOf([['malloc', ['i32'], ['i32']], ['free', ['i32'], ['i32']]])).toEqual(['malloc', null]);
    expect(allocatorOf([['allocate', ['i32'], ['i32']], ['deallocate', ['i64'], []]])).toEqual(['allocate', null]);
  });
});
