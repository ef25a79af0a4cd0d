// A stripped C build (clang-19 -O2, then llvm-strip-19: no name section, producers or DWARF, and
// malloc not exported): nothing names its toolchain or allocator, but it imports WASI, and
// wasi-libc's dlmalloc keeps its state in .bss in a shape nothing else has (dlmalloc.ts), so
// the heap is walked by that (heap-facts.ts, the 'unknown' case).

import { describe, expect, it } from 'vitest';
import { formatValue } from '../../../shared/value-format.ts';
import { boundInt, runHeapSequence } from './testing.ts';
import { openSessionsDisposedAfterEach } from '../../host/test-helpers.ts';

const open = openSessionsDisposedAfterEach();

describe('a stripped C module', () => {
  it('is walked as wasi-libc\'s dlmalloc, found by its state\'s shape, the guest\'s block at its size', async () => {
    // Before: not walked ("toolchain not recognised, so neither is its allocator"), so the
    // heap was empty in every view and `expect no leaks` could not answer.
    const { session, records } = await runHeapSequence(open, 'stripped.wasm', 'write utf8 "bob\\0" @ 0x100\ng = greet(0x100)\nexpect no leaks\n');
    expect(session.info.toolchain.name).toBe('unknown');
    const failed = records.filter((r) => !r.ok);
    // greet keeps its block in a static: still reachable, no leak.
    expect(failed.map((r) => r.error?.message)).toEqual([]);
    const heap = await session.heap();
    if (!heap.ok) throw new Error(heap.error.message);
    expect(heap.value).toMatchObject({ walker: 'dlmalloc', status: 'ok' });
    expect(heap.value.allocator).toMatch(/found by its state's shape/);
    const g = boundInt(records, 'g');
    const usable = await session.call('usable', [String(g)]);
    expect(heap.value.live.map((b) => [b.address, b.size])).toEqual([[g, Number(usable.ok && formatValue(usable.value.results[0]!))]]);
  });
});
