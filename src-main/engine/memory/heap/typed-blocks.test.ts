// Heap blocks typed through the pointers DWARF types, on real clang-19 -g builds with wasi-libc
// (module/dwarf/testdata: list.c, a list kept in a static; statics.c, an array of pairs of
// strings): breadth first from the statics, so each block has its shortest name.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectBytes } from '../../module/index.ts';
import { typedBlocks } from './typed-blocks.ts';
import { openSessionsDisposedAfterEach } from '../../host/test-helpers.ts';
import { leakReference } from '../../../shared/heap-format.ts';

const open = openSessionsDisposedAfterEach();
const DWARF = join(import.meta.dirname, '../../module/dwarf/testdata');

async function heapAfterRun(module: string, sequence: string) {
  const session = await open(join(DWARF, module), { sequence });
  expect(session.sequenceErrors).toEqual([]);
  expect((await session.run()).every((r) => r.ok)).toBe(true);
  const heap = await session.heap({ references: true });
  if (!heap.ok) throw new Error(heap.error.message);
  return heap.value;
}

describe('typedBlocks', () => {
  it('a list kept in a static: every node and its label, named through the pointers to it', async () => {
    const heap = await heapAfterRun('list.wasm', 'a = push(1)\nb = push(2)\nc = push(3)\n');
    expect(heap.typedBlocks!.map((t) => [t.name, t.pointee.type, t.size])).toEqual([
      ['head[0].next[0].next', 'node', 12],
      ['head[0].next[0].next[0].label', 'char', 12],
      ['head[0].next', 'node', 12],
      ['head[0].next[0].label', 'char', 12],
      ['head', 'node', 12],
      ['head[0].label', 'char', 12],
    ]);
    // The first node pushed is pointed to from the second's `next`: named through the list.
    const first = heap.typedBlocks![0]!.address;
    expect(leakReference(heap, first)).toBe(`still pointed to from 0x${(heap.typedBlocks![2]!.address + 8).toString(16)}, in head[0].next[0].next (node *), the 12 B block at 0x${heap.typedBlocks![2]!.address.toString(16)}`);
  });

  it('a block no pointer DWARF types reaches stays untyped', async () => {
    const heap = await heapAfterRun('statics.wasm', 'p = alloc(8)\nk = alloc(4)\nwrite utf8 "key\\0" @ k\nput(k, k)\n');
    expect(heap.typedBlocks!.map((t) => t.name)).toEqual(['table', 'table[0].key', 'table[0].val']);
    // p and k, the host's own blocks, no typed pointer reaches.
    expect(heap.live.some((b) => !heap.typedBlocks!.some((t) => t.address === b.address))).toBe(true);
  });
});

describe('typedBlocks through a Rust enum', () => {
  it('follows the pointer in the variant the bytes hold: Some of an Option<&u8>, not its None', () => {
    // enums.rs (no allocator): NICHE points at the static NUMBER after touch(); handed to
    // typedBlocks as if it were a live block, it is typed through NICHE's Some.
    const wasm = readFileSync(join(DWARF, 'enums.wasm'));
    const info = inspectBytes(new Uint8Array(wasm));
    if (!info.ok) throw new Error(info.error.message);
    const { statics, staticTypes } = info.value;
    const instance = new WebAssembly.Instance(new WebAssembly.Module(wasm), {});
    const memory = new Uint8Array((instance.exports.memory as WebAssembly.Memory).buffer);
    const number = statics!.find((v) => v.name === 'enums::NUMBER')!.address;
    const block = { address: number, size: 1, owner: 'guest' as const, step: null, line: null };
    expect(typedBlocks(memory, statics!, staticTypes!, [block])).toEqual([]); // None: nothing to follow
    (instance.exports.touch as () => number)();
    expect(typedBlocks(memory, statics!, staticTypes!, [block]).map((t) => [t.name, t.pointee.type])).toEqual([['enums::NICHE.__0', 'u8']]);
  });
});
