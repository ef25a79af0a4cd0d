// C's calloc and aligned_alloc called by the host: their arguments are sizes, never pointers
// into a freed block (`calloc(3, 300000)` was reported as a use after free of the block that
// once spanned 300000), and their result is a block the host holds, named as the host's.

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HEAP_TESTDATA } from '../memory/heap/testing.ts';
import { openSessionsDisposedAfterEach } from './test-helpers.ts';

const open = openSessionsDisposedAfterEach();
const MODULE = resolve(HEAP_TESTDATA, 'c-allocs.wasm');

describe("C's other allocation functions called by the host", () => {
  it('take sizes, not pointers, and hand the host its block', async () => {
    const sequence = 'big = malloc(300000)\nfree(big)\nc = calloc(3, 300000)\na = aligned_alloc(64, 100)\nfree(c)\nfree(a)\nexpect no leaks\n';
    const session = await open(MODULE, { sequence });
    const records = [];
    for (let record = await session.step(); record; record = await session.step()) records.push(record);
    expect(records.map((r) => r.ok)).toEqual(Array(7).fill(true));
    expect(records.flatMap((r) => r.heap?.problems ?? [])).toEqual([]);
    const c = session.regions.find((r) => r.name === 'c')!;
    const a = session.regions.find((r) => r.name === 'a')!;
    expect(c).toMatchObject({ kind: 'alloc', size: 900000, type: 'calloc', freed: true });
    expect(a).toMatchObject({ kind: 'alloc', size: 100, type: 'aligned_alloc', freed: true });
    expect(records[2]!.heap!.allocated).toMatchObject([{ address: c.start, owner: 'host' }]);
    expect(records[4]!.heap!.freed).toMatchObject([{ address: c.start, owner: 'host', freedBy: 'host' }]);
  });
});
