// emmalloc hands the gap in front of a block it aligns to the block before it (when that is in
// use, it merges the gap into its region): that block grows, but nobody resized it.
import { describe, expect, it } from 'vitest';
import { openSessionsDisposedAfterEach } from '../../host/test-helpers.ts';
import { boundInt, runHeapSequence } from './testing.ts';

const open = openSessionsDisposedAfterEach();

describe('emmalloc alignment padding', () => {
  it('is no resize of the block before the aligned one: its size grows quietly', async () => {
    const { records, session } = await runHeapSequence(open, 'patterns-emmalloc.wasm', 'a = malloc(24)\np = aligned(64, 100)\nb = malloc(20)\nr = resize(b, 400)\n');
    expect(records.every((r) => r.ok)).toBe(true);
    const a = boundInt(records, 'a');
    const p = boundInt(records, 'p');
    // Before: "aligned resized 24 B at a to 48 B in place (from line 1, host malloc)", and on
    // line 3 "malloc resized 100 B at p to 104 B": neither a nor p was reallocated.
    expect(records[1]!.heap!.allocated).toMatchObject([{ address: p, size: 100, by: 'aligned' }]);
    expect(records[1]!.heap!.resized).toBeUndefined();
    expect(records[2]!.heap!.resized).toBeUndefined();
    const heap = await session.heap();
    if (!heap.ok) throw new Error(heap.error.message);
    // The usable sizes the walk sees, as for any block (the host's overflow check still uses the 24 asked).
    expect(heap.value.live.find((x) => x.address === a)).toMatchObject({ size: 48, owner: 'host', line: 1 });
    expect(heap.value.live.find((x) => x.address === p)).toMatchObject({ size: 104, line: 2 });
  });

  it('a realloc that grows a block in place is still a resize', async () => {
    const { records } = await runHeapSequence(open, 'patterns-emmalloc.wasm', 'a = malloc(24)\nb = malloc(24)\nfree(b)\nr = resize(a, 40)\n');
    expect(boundInt(records, 'r')).toBe(boundInt(records, 'a'));
    expect(records[3]!.heap!.resized).toMatchObject([{ address: boundInt(records, 'a'), from: 24, resizedIn: 'resize' }]);
  });
});
