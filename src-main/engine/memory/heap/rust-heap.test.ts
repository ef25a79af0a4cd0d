// Rust's heap as a program uses it (testdata/rust-heap.rs, Rust 1.63 -C opt-level=s), on both
// of its allocators: wasi-libc's dlmalloc (wasm32-wasi) and the dlmalloc crate
// (wasm32-unknown-unknown). Every block escapes, so rustc keeps them: a Vec leaked into a static
// is still reachable, a forgotten String a leak, and the host's frees go through Rust's own
// `alloc`/`dealloc(p, size)` exports.

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatHeapSummary } from '../../../shared/heap-format.ts';
import { openSessionsDisposedAfterEach } from '../../host/test-helpers.ts';
import { HEAP_TESTDATA } from './testing.ts';

const open = openSessionsDisposedAfterEach();
const HOST = `p = alloc(8)
w = alloc(5)
write utf8 "hello" @ w
keep(3)
`;
const HEX = '0x[0-9a-f]+';

describe.each([
  ['rust-heap-wasi.wasm', 'dlmalloc (wasi-libc, Rust on WASI)'],
  ['rust-heap.wasm', 'dlmalloc (Rust dlmalloc crate)'],
])('Rust heap checks on %s', (file, allocator) => {
  const wasm = resolve(HEAP_TESTDATA, file);

  it('a Vec kept in a static is still reachable: expect no leaks holds, its owner keep at line 4', async () => {
    const session = await open(wasm, { sequence: `${HOST}free(w)\nfree(p)\nexpect no leaks\n` });
    const records = await session.run();
    expect(records.map((r) => r.error?.message ?? 'ok')).toEqual(records.map(() => 'ok'));
    // keep(3): the 12 bytes of three u32s, allocated inside the guest's keep.
    expect(records[3]!.heap!.allocated).toMatchObject([{ size: 12, owner: 'guest', line: 4 }]);
    const heap = await session.heap({ references: true });
    if (!heap.ok) throw new Error(heap.error.message);
    expect(heap.value.allocator).toBe(allocator);
    expect(heap.value.leaks).toEqual([]);
    const text = formatHeapSummary(heap.value);
    expect(text).toContain('no leaks: what the sequence allocated and did not free is still reachable');
    expect(text).toContainEqual(expect.stringMatching(new RegExp(`^ {8}12 B at ${HEX} {2}line 4, keep {2}\\(still pointed to from ${HEX}, in \\.bss\\)$`)));
  });

  it('a forgotten String is a leak of lose at line 5, pointed to only from the free stack', async () => {
    const session = await open(wasm, { sequence: `${HOST}lose(w, 5)\nfree(w)\nfree(p)\nexpect no leaks\n` });
    const records = await session.run();
    expect(records.slice(0, -1).map((r) => r.error?.message ?? 'ok')).toEqual(records.slice(0, -1).map(() => 'ok'));
    expect(records.at(-1)!.error?.message).toMatch(new RegExp(`^expected no leaks since the first step, but 1 block is still live and nothing in use points to it: 12 B at ${HEX} \\(line 5, guest in lose\\); 1 other block memory in use still points to is still reachable, not counted$`));
    const heap = await session.heap({ references: true });
    if (!heap.ok) throw new Error(heap.error.message);
    const text = formatHeapSummary(heap.value);
    expect(text).toContain('✗ 1 leak (12 B allocated during the sequence, never freed):');
    expect(text).toContainEqual(expect.stringMatching(new RegExp(`^ {8}12 B at ${HEX} {2}line 5, lose {2}\\(pointed to only from ${HEX}, in the free stack\\)$`)));
    expect(text).toContainEqual(expect.stringMatching(new RegExp(`^ {8}12 B at ${HEX} {2}line 4, keep {2}\\(still pointed to from ${HEX}, in \\.bss\\)$`)));
  });

  it('free(p) twice: the second is refused, dealloc not called, both lines named', async () => {
    const session = await open(wasm, { sequence: `${HOST}free(p)\nfree(p)\nexpect no leaks\n` });
    const records = await session.run();
    expect(records).toHaveLength(6);
    // dealloc gets back the size alloc asked for (8), not the usable size the walk sees (12).
    expect(records[4]!.calls).toMatchObject([{ export: 'dealloc', args: [records[0]!.calls[0]!.results[0], { type: 'i32', bits: 8 }] }]);
    const refused = records[5]!;
    expect(refused.error?.code).toBe('heap-problem');
    expect(refused.error?.message).toMatch(new RegExp(`^double free of ${HEX}: the 12-byte block there was already freed at line 5 by the host; it was allocated at line 1 by the host's alloc \\(dealloc was not called; free!\\(p\\) forces it\\)$`));
    expect(refused.calls).toEqual([]);
  });
});

describe('a forced double free on the dlmalloc crate (rust-heap.wasm), which checks no free', () => {
  // p's block (16-byte chunk) merged with w's when freed; free!(p) files the merged 32-byte
  // chunk in its bin again, linked to itself. alloc(8) splits it and leaves it in the bin, so
  // alloc(24) hands out the same chunk, whole, while q still holds its first 12 bytes.
  const sequence = `${HOST}lose(w, 5)\nfree(w)\nfree(p)\nfree!(p)\nq = alloc(8)\nr = alloc(24)\n`;

  it('the second owner of q\'s block is a double-alloc, not q\'s block resized in place', async () => {
    const session = await open(resolve(HEAP_TESTDATA, 'rust-heap.wasm'), { sequence });
    const records = await session.run();
    expect(records.map((r) => r.error?.message ?? 'ok')).toEqual(records.map(() => 'ok'));
    expect(records[7]!.heap!.problems.map((p) => p.kind)).toEqual(['double-free']);
    const q = records[8]!.calls[0]!.results[0]!;
    expect(records[9]!.calls[0]!.results[0]).toEqual(q);
    const second = records[9]!.heap!;
    expect(second.resized).toBeUndefined();
    expect(second.problems).toHaveLength(1);
    expect(second.problems[0]!.message).toMatch(new RegExp(`^alloc returned ${HEX}, the start of a 12-byte block that is still live \\(allocated at line 9 by the host's alloc\\): two owners now share its bytes; the double free at line 8 put it on the free list twice$`));
  });

  it('free!(p) calls dealloc with the size p was allocated with, as the host bug it repeats would', async () => {
    // dealloc(p, 0) was called: the size came only from a live alloc region. The dlmalloc crate
    // ignores the size, so only the call shows it.
    const session = await open(resolve(HEAP_TESTDATA, 'rust-heap.wasm'), { sequence });
    const records = await session.run();
    const p = records[0]!.calls[0]!.results[0];
    expect(records[7]!.calls.map((c) => [c.export, c.args[0], c.args[1]])).toEqual([['dealloc', p, { type: 'i32', bits: 8 }]]);
  });
});
