// clang-22 -Oz with no data segments (testdata/bss-only.c): the stack comes first and all static
// data is .bss above its start. Nothing but DWARF's statics (wasi-libc's _gm_ there) tells that
// layout from clang-19's [data][stack][heap], where the heap starts at the stack pointer's start;
// stripped, only where the allocator's state is (static data) says where the heap starts.

import { describe, expect, it } from 'vitest';
import { runHeapSequence } from './testing.ts';
import { openSessionsDisposedAfterEach } from '../../host/test-helpers.ts';

const open = openSessionsDisposedAfterEach();

describe('a stack-first module with only .bss', () => {
  it('a block a static points to is still reachable, and the one nothing points to is the leak', async () => {
    // Before: the heap was taken to start at the stack pointer's start (0x10000), so .bss was
    // "heap space the allocator has not claimed", the static `kept` kept nothing, and both
    // blocks were reported as leaks.
    const { session, records } = await runHeapSequence(open, 'bss-only.wasm', 'k = keep(64)\nlose(100)\nexpect no leaks\n');
    const failed = records.find((r) => !r.ok);
    expect(failed?.source).toBe('expect no leaks');
    expect(failed?.error?.message).toMatch(/but 1 block is still live and nothing in use points to it: \d+ B at 0x[0-9a-f]+ \(line 2, guest in lose\); 1 other block memory in use still points to is still reachable/);
    const heap = await session.heap();
    if (!heap.ok) throw new Error(heap.error.message);
    const sp = heap.value.map.find((b) => b.kind === 'stack')!.end;
    expect(heap.value.map.find((b) => b.start === sp)).toMatchObject({ kind: 'bss' });
    expect(heap.value.map.some((b) => b.label === 'heap space the allocator has not claimed')).toBe(false);
  });

  for (const [wasm, layout] of [['bss-only-stripped19.wasm', 'data first'], ['bss-only-stripped22.wasm', 'stack first']] as const) {
    it(`stripped (-Wl,--strip-all, ${layout}): the static's block is still reachable, the lost one is the leak`, async () => {
      // Before (with the stripped heap walked): clang-19's .bss lay in the free stack's band, and
      // clang-22's in "heap space the allocator has not claimed" (the heap taken to start at the
      // stack pointer's start), so the static `kept` kept nothing: both blocks were leaks.
      const { records } = await runHeapSequence(open, wasm, 'k = keep(64)\nlose(100)\nexpect no leaks\n');
      const failed = records.find((r) => !r.ok);
      expect(failed?.source).toBe('expect no leaks');
      expect(failed?.error?.message).toMatch(/but 1 block is still live and nothing in use points to it: \d+ B at 0x[0-9a-f]+ \(line 2, guest in lose\); 1 other block memory in use still points to is still reachable/);
    });
  }
});
