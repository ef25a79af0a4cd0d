// Optimised builds without names (testdata/nonames.c): nothing names __heap_base or the allocator,
// so the walk must find where the heap is and whose it is from what the module still holds.

import { describe, expect, it } from 'vitest';
import { formatValue } from '../../../shared/value-format.ts';
import { boundInt, runHeapSequence, usedMap, walkNow } from './testing.ts';
import { openSessionsDisposedAfterEach } from '../../host/test-helpers.ts';

const open = openSessionsDisposedAfterEach();

const GREET = `
write u32 7 @ 0x100
a = alloc(6)
write utf8 "hello\\0" @ a
g = greet(a)
free(a)
`;

describe('modules without names', () => {
  it('clang-22 -Oz (stack first, no __heap_base): before the first malloc the heap is empty, not unrecognised', async () => {
    // Before: with __heap_base unknown the heap could not be seen untouched, so every step before
    // the first malloc said "walk not-recognised: no dlmalloc malloc_state found", and the summary
    // both "0 live blocks" and that. wasi-libc's DWARF still names the state (_gm_), zero till then.
    const { session, records } = await runHeapSequence(open, 'nonames-clang22.wasm', GREET);
    expect(records.every((r) => r.ok)).toBe(true);
    const before = records.find((r) => r.source === 'write u32 7 @ 0x100');
    expect(before?.heap).toMatchObject({ allocated: [], freed: [], problems: [] });
    expect(before?.heap?.walk).toBeUndefined();
    const { facts, walk } = await walkNow(session);
    expect(facts.heapBase).toBeNull();
    expect(facts.stateAt).toBe(facts.statics.find((v) => v.name === '_gm_')?.address);
    expect(walk.status, walk.reason).toBe('ok');
    const g = boundInt(records, 'g');
    const usable = await session.call('usable', [String(g)]);
    expect([...usedMap(walk)]).toEqual([[g, Number(usable.ok && formatValue(usable.value.results[0]!))]]);
  });

  it('clang-22 -Oz: a walk before anything ran says empty', async () => {
    const { session } = await runHeapSequence(open, 'nonames-clang22.wasm', 'write u32 7 @ 0x100\n');
    const { walk } = await walkNow(session);
    expect(walk.status, walk.reason).toBe('empty');
    const heap = await session.heap();
    if (!heap.ok) throw new Error(heap.error.message);
    expect(heap.value.status).toBe('empty');
  });

  for (const [wasm, allocator, walker] of [
    ['nonames-emmalloc.wasm', 'emmalloc (found by its heap\'s shape: the module has no names)', 'emmalloc'],
    ['nonames-emcc.wasm', 'dlmalloc (Emscripten)', 'dlmalloc'],
  ] as const) {
    it(`emcc -O2, ${walker}: walked as ${walker}, the allocator named so, and expect no leaks answers`, async () => {
      // Before (emmalloc): the dlmalloc walker was chosen, every step said "walk not-recognised",
      // and `expect no leaks` failed "cannot check for leaks".
      const { session, records } = await runHeapSequence(open, wasm, `${GREET}free(g)\nexpect no leaks\n`);
      expect(records.filter((r) => !r.ok).map((r) => `${r.source}: ${r.error?.message}`)).toEqual([]);
      expect(records.filter((r) => r.heap?.walk !== undefined).map((r) => `${r.source}: ${r.heap!.walk}`)).toEqual([]);
      const heap = await session.heap();
      if (!heap.ok) throw new Error(heap.error.message);
      expect(heap.value).toMatchObject({ allocator, walker, status: 'ok', live: [] });
    });

    it(`emcc -O2, ${walker}: the guest's block at the address and with the size the allocator gave`, async () => {
      const { session, records } = await runHeapSequence(open, wasm, GREET);
      expect(records.every((r) => r.ok)).toBe(true);
      const heap = await session.heap();
      if (!heap.ok) throw new Error(heap.error.message);
      const g = boundInt(records, 'g');
      const usable = await session.call('usable', [String(g)]);
      expect(heap.value.live.map((b) => [b.address, b.size])).toEqual([[g, Number(usable.ok && formatValue(usable.value.results[0]!))]]);
    });
  }
});
