// C++ on wasi-libc's malloc (testdata/cpp-words.cpp, clang++-19 with libc++): `new` and a
// std::vector's buffer are heap blocks the ledger follows like any malloc'd one. A vector that
// grows allocates a bigger buffer and frees the old one inside the call; deleting the object
// frees it and its buffer; an object the host forgets leaks, and its buffer is said to be
// pointed to only from inside it (Valgrind's "indirectly lost"), not from nothing.

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatHeapSummary, formatStepHeap } from '../../../shared/heap-format.ts';
import { openSessionsDisposedAfterEach } from '../../host/test-helpers.ts';
import { HEAP_TESTDATA } from './testing.ts';

const open = openSessionsDisposedAfterEach();

const USE = `w = words_new()
a = alloc(5)
write utf8 "hello" @ a
words_add(w, a, 5)
words_add(w, a, 5)
words_add(w, a, 5)
lenp = alloc(4)
j = words_join(w, lenp)
len = read u32 @ lenp
text = read utf8 @ j [len]
free(j)
free(lenp)
free(a)
`;

const hex = (n: number) => `0x${n.toString(16)}`;

describe('a C++ object in the ledger', () => {
  it('new, a vector that grows, and delete: each block said on its step, nothing leaked', async () => {
    const session = await open(resolve(HEAP_TESTDATA, 'cpp-words.wasm'), { sequence: `${USE}words_delete(w)\nexpect no leaks\n` });
    const records = await session.run();
    expect(records.map((r) => r.ok)).toEqual(records.map(() => true));
    const w = Number((records[0]!.bound.w as { value: string }).value);
    expect(formatStepHeap(records[0]!.heap!)).toEqual([`heap: words_new allocated 12 B at ${hex(w)}`]);
    // One std::string (12 bytes) fits the first buffer; the second add moves the vector to a
    // buffer for two and frees the first inside the call, the third to one for four.
    const [first, second, third] = [records[3]!.heap!, records[4]!.heap!, records[5]!.heap!];
    expect(first.allocated.map((b) => [b.size, b.owner])).toEqual([[12, 'guest']]);
    expect(second.freed.map((b) => [b.address, b.freedBy])).toEqual([[first.allocated[0]!.address, 'guest']]);
    expect(third.freed.map((b) => b.address)).toEqual([second.allocated[0]!.address]);
    expect(records[9]!.bound.text).toMatchObject({ kind: 'text', value: 'hello hello hello' });
    // delete frees the object and the buffer the vector held, both inside the call.
    expect(records[13]!.heap!.freed.map((b) => b.address).sort()).toEqual([w, third.allocated[0]!.address].sort());
  });

  it('an object the host forgets: it leaks, and its buffer is pointed to only from inside it', async () => {
    const session = await open(resolve(HEAP_TESTDATA, 'cpp-words.wasm'), { sequence: USE });
    const records = await session.run();
    expect(records.every((r) => r.ok)).toBe(true);
    const w = Number((records[0]!.bound.w as { value: string }).value);
    const buffer = records[5]!.heap!.allocated[0]!.address;
    const heap = await session.heap({ references: true });
    if (!heap.ok) throw new Error(heap.error.message);
    expect(heap.value.leaks.map((b) => b.address)).toEqual([w, buffer]);
    expect(formatHeapSummary(heap.value).slice(1)).toEqual([
      '✗ 2 leaks (72 B allocated during the sequence, never freed):',
      `        12 B at ${hex(w)}  line 1, words_new  (nothing in guest memory points to it)`,
      // The vector's first field, its begin pointer, is the object's first word.
      `        60 B at ${hex(buffer)}  line 6, words_add  (pointed to only from ${hex(w)}, in the leaked 12 B block at ${hex(w)})`,
    ]);
  });
});
