// A stripped C build (clang-19 -O2, then llvm-strip-19: no name section, producers or DWARF, and
// malloc not exported): nothing tells its toolchain or allocator, so its heap is not walked, and
// the reason says why and what to build instead (heap-facts.ts, the 'unknown' case).

import { describe, expect, it } from 'vitest';
import { runHeapSequence } from './testing.ts';
import { openSessionsDisposedAfterEach } from '../../host/test-helpers.ts';

const open = openSessionsDisposedAfterEach();

describe('a stripped C module', () => {
  it('is not walked, and the heap says why and how to build one that is', async () => {
    // Before: only "toolchain not recognised, so neither is its allocator", as for any module.
    const { session, records } = await runHeapSequence(open, 'stripped.wasm', 'g = greet(0x100)\n');
    expect(records.every((r) => r.ok)).toBe(true);
    expect(session.info.toolchain.name).toBe('unknown');
    const heap = await session.heap();
    if (!heap.ok) throw new Error(heap.error.message);
    expect(heap.value.walker).toBeNull();
    expect(heap.value.reason).toMatch(/no name section, producers section or debug info/);
    expect(heap.value.reason).toMatch(/llvm-strip.*build without it, or with -g/);
  });
});
