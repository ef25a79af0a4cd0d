// The leak scan on Rust's HashMap (testdata/rust-map.rs, Rust 1.63, wasm32-unknown-unknown): a
// map holds only a pointer into its table, past the buckets, so a map in a static keeps its
// table by a word pointing inside it, and `expect no leaks` does not count it; a boxed map whose
// box is lost is a leak, and its table and keys with it. dlmalloc's own state in .bss points at
// blocks' last words (the next chunk's header): that keeps nothing.

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatHeapSummary } from '../../../shared/heap-format.ts';
import { openSessionsDisposedAfterEach } from '../../host/test-helpers.ts';
import { HEAP_TESTDATA } from './testing.ts';

const open = openSessionsDisposedAfterEach();
const WASM = resolve(HEAP_TESTDATA, 'rust-map.wasm');
const COUNT = `allocator alloc_buf free_buf
w = alloc(5)
write utf8 "hello" @ w
a = count_word(w, 5)
b = count_word(w, 5)
`;

describe('a Rust HashMap on the heap', () => {
  it('in a static: still reachable through the pointer into its table, so expect no leaks holds', async () => {
    const session = await open(WASM, { sequence: `${COUNT}free(w)\nexpect no leaks\n` });
    const records = await session.run();
    expect(records.map((r) => r.error?.message ?? 'ok')).toEqual(records.map(() => 'ok'));
    const heap = await session.heap({ references: true });
    if (!heap.ok) throw new Error(heap.error.message);
    expect(heap.value.leaks).toEqual([]);
    const text = formatHeapSummary(heap.value);
    expect(text).toContain('no leaks: what the sequence allocated and did not free is still reachable');
    // The table (76 B: 4 buckets of String + u32, then its control bytes) and the key's buffer.
    expect(text).toContainEqual(expect.stringMatching(/^ {8}76 B at 0x[0-9a-f]+ {2}line 4, count_word {2}\(still pointed into \(at \+64\) from 0x[0-9a-f]+, in \.bss\)$/));
    expect(text).toContainEqual(expect.stringMatching(/^ {8}12 B at 0x[0-9a-f]+ {2}line 4, count_word {2}\(still pointed to from 0x[0-9a-f]+, in the 76 B block at 0x[0-9a-f]+\)$/));
  });

  it('in a box nothing keeps: a leak, its table pointed into only from inside it, its key from inside the table', async () => {
    const session = await open(WASM, { sequence: `${COUNT}mark "lost"\nlose_map(w, 5)\nfree(w)\nexpect no leaks\n` });
    const records = await session.run();
    const last = records.at(-1)!;
    expect(last.error?.message).toMatch(/^expected no leaks since mark "lost", but 3 blocks are still live and nothing in use points to them: 36 B at 0x[0-9a-f]+ \(line 7, guest in lose_map\), 12 B at 0x[0-9a-f]+ \(line 7, guest in lose_map\), 76 B at 0x[0-9a-f]+ \(line 7, guest in lose_map\)$/);
    const heap = await session.heap({ references: true });
    if (!heap.ok) throw new Error(heap.error.message);
    const text = formatHeapSummary(heap.value);
    expect(text).toContain('✗ 3 leaks (124 B allocated during the sequence, never freed):');
    expect(text).toContainEqual(expect.stringMatching(/^ {8}76 B at 0x[0-9a-f]+ {2}line 7, lose_map {2}\(pointed into only \(at \+64\) from 0x[0-9a-f]+, in the leaked 36 B block at 0x[0-9a-f]+\)$/));
    expect(text).toContain('still reachable: 2 blocks (88 B) allocated during the sequence that memory in use still points to (kept on purpose, maybe):');
  });
});
