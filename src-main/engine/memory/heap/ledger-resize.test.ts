// realloc as the ledger sees it, on a real clang/wasi-libc module (testdata/builder.c): a buffer
// grown in place is the same block with a new size, said on its step (`resized`), and one that
// had to move is a new block plus the old one freed, in the same call.

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainStep } from '../../../shared/explain.ts';
import { formatStepHeap } from '../../../shared/heap-format.ts';
import { openSessionsDisposedAfterEach } from '../../host/test-helpers.ts';
import { HEAP_TESTDATA } from './testing.ts';

const open = openSessionsDisposedAfterEach();

const SEQUENCE = `b = builder_new(8)
builder_fill(b, 8, 97)
builder_fill(b, 24, 98)
p = builder_data(b)
x = malloc(4)
builder_fill(b, 64, 99)
q = builder_data(b)
free(x)
builder_free(b)
`;

describe('realloc in the ledger', () => {
  it('grown in place: one block, its new size on the step; moved: a new block and the old one freed', async () => {
    const session = await open(resolve(HEAP_TESTDATA, 'builder.wasm'), { sequence: SEQUENCE });
    const records = await session.run();
    expect(records.every((r) => r.ok)).toBe(true);
    const int = (name: string) => Number((records.find((r) => r.bound[name])!.bound[name] as { value: string }).value);
    const [p, q] = [int('p'), int('q')];

    // builder_new's 8-byte buffer (12 usable) was the heap's last chunk: 8 more bytes fit in it, 24 more grew it in place.
    expect(records[1]!.heap).toEqual({ allocated: [], freed: [], problems: [] });
    const grown = records[2]!;
    expect(grown.heap!.resized).toEqual([{ address: p, size: 44, owner: 'guest', step: 0, line: 1, by: 'builder_new', from: 12, resizedIn: 'builder_fill' }]);
    expect(grown.heap!.allocated).toEqual([]);
    expect(formatStepHeap(grown.heap!)).toEqual([`heap: builder_fill resized 12 B at 0x${p.toString(16)} to 44 B in place (from line 1, builder_new)`]);
    const said = explainStep(grown, session.regions);
    expect(said).toContain(`The block at 0x${p.toString(16)} (allocated at line 1 by builder_new) was resized in place, from 12 to 44 bytes: its address did not change, so pointers to it stay valid.`);
    expect(said.at(-1)).toMatch(new RegExp(`^\\d+ bytes changed: 24 in the block resized at 0x${p.toString(16)}, `));

    // Once x follows it, growing it again moves it: the old 44 bytes are freed inside the same call.
    expect(q).not.toBe(p);
    const moved = records[5]!;
    expect(moved.heap!.resized).toBeUndefined();
    expect(moved.heap!.allocated).toMatchObject([{ address: q, owner: 'guest', by: 'builder_fill' }]);
    expect(moved.heap!.freed).toMatchObject([{ address: p, size: 44, freedBy: 'guest' }]);

    // builder_free frees the builder and the moved buffer; nothing leaks.
    expect(records[8]!.heap!.freed.map((b) => b.address).sort()).toEqual([int('b'), q].sort());
    const heap = await session.heap();
    if (!heap.ok) throw new Error(heap.error.message);
    expect(heap.value.leaks).toEqual([]);
  });
});
