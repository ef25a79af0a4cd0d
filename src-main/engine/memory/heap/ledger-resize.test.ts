// realloc as the ledger sees it, on a real clang/wasi-libc module (testdata/builder.c): a buffer
// grown in place is the same block with a new size, said on its step (`resized`), and one that
// had to move is a new block plus the old one freed, in the same call. The host's own realloc
// calls: a move hands the host the new block and ends the old one's regions; a realloc of a
// freed block is refused as a double free.

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

  it('the host reallocs its block: grown in place it stays; moved, the new block is the host\'s and the old one freed', async () => {
    const session = await open(resolve(HEAP_TESTDATA, 'builder.wasm'), { sequence: `p = malloc(8)
write utf8 "abc" @ p
p2 = realloc(p, 16)
blocker = malloc(8)
q = realloc(p2, 4000)
s = read utf8 @ q [3]
free(q)
free(blocker)
expect no leaks
again = realloc(q, 8)
` });
    const records = await session.run();
    expect(records.map((r) => r.error?.message)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined,
      expect.stringMatching(/^double free of 0x[0-9a-f]+: the 4012-byte block there was already freed at line 7 by the host; it was allocated at line 5 by the host's realloc \(realloc was not called; again = realloc!\(q, 8\) forces it\)$/)]);
    const int = (name: string) => Number((records.find((r) => r.bound[name])!.bound[name] as { value: string }).value);
    // In place: the same address, one block resized, the region stays.
    expect(int('p2')).toBe(int('p'));
    expect(records[2]!.heap!.resized).toMatchObject([{ address: int('p'), owner: 'host', by: 'malloc' }]);
    expect(records[2]!.regionEvents).toEqual([]);
    // Moved: the host's new block (by realloc), the old one freed by the host, its region ended and q's made.
    const moved = records[4]!;
    expect(moved.heap!.allocated).toMatchObject([{ address: int('q'), owner: 'host', by: 'realloc' }]);
    expect(moved.heap!.freed).toMatchObject([{ address: int('p'), freedBy: 'host' }]);
    expect(session.regions.filter((r) => moved.regionEvents.some((e) => e.region === r.id)).map((r) => r.name).sort()).toEqual(['p', 'q']);
    expect(records[5]!.bound.s).toMatchObject({ value: 'abc' });
    const [pHex, qHex] = [int('p'), int('q')].map((a) => `0x${a.toString(16)}`);
    // One sentence for the move, not "now yours" and "given back" apart.
    expect(explainStep(moved, session.regions)[1]).toBe(
      `\`realloc\` moved \`p\` (8 bytes at ${pHex}) to ${qHex} as \`q\` (4000 bytes), copying what was there: use ${qHex} from now on; ${pHex} was given back to the allocator.`);
  });

  // The size asked for bounds the host's accesses inside the block: a realloc in place changes it,
  // to the new size the host asked for, or, the guest's realloc, to one the block's end bounds.
  // It stayed the first malloc's, so a write within the grown block was a heap overflow.
  it.each(['patterns-emcc.wasm', 'patterns-wasi.wasm'])('grown in place on %s, by the host\'s realloc or the guest\'s, the block\'s bytes are the program\'s', async (file) => {
    const session = await open(resolve(HEAP_TESTDATA, file), { sequence: `r = malloc(100)
r2 = realloc(r, 4000)
write u32 7 @ r2 + 3000
write u32 7 @ r2 + 3998
g = resize(r2, 6000)
write u32 7 @ g + 5000
` });
    const records = await session.run();
    expect(records.map((r) => r.error?.message ?? 'ok')).toEqual(records.map(() => 'ok'));
    const int = (name: string) => Number((records.find((r) => r.bound[name])!.bound[name] as { value: string }).value);
    expect([int('r2'), int('g')]).toEqual([int('r'), int('r')]);
    expect(records.map((r) => r.heap!.problems.map((x) => x.message))).toEqual([[], [], [], [
      expect.stringMatching(/^heap overflow: the write of 4 bytes at 0x[0-9a-f]+ runs 2 bytes past the 4000 bytes realloc\(4000\) gave at line 2; /),
    ], [], []]);
  });
});
