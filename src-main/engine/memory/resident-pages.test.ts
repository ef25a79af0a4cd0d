// The resident-page probe on real WebAssembly memories: it finds the memory, tells touched
// pages from untouched ones, leaves the memory as it was, and lets a change capture skip what
// the guest never touched without missing what it wrote.

import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { ChangeTracker } from './change-tracker.ts';
import { ResidentPages } from './resident-pages.ts';
import { BLOCK_SIZE, WASM_PAGE } from './types.ts';

const probe = ResidentPages.forThisProcess();
const MIB = 1 << 20;

/** A wasm memory of `initialMiB`, grown to `grownMiB`, with its first page's bytes set non-zero. */
function grownMemory(initialMiB: number, grownMiB: number): WebAssembly.Memory {
  const mem = new WebAssembly.Memory({ initial: initialMiB * 16, maximum: grownMiB * 16 });
  new Uint8Array(mem.buffer).fill(0x5a, 0, 100);
  return mem;
}

function touchedPage(memory: Uint8Array, offset: number): number {
  const page = Math.floor(offset / BLOCK_SIZE) * BLOCK_SIZE;
  return probe!.touched(memory, page, page + BLOCK_SIZE, 0)![0]!;
}

describe('ResidentPages', () => {
  it('is offered only where the kernel can be asked', () => {
    expect(probe !== null).toBe(process.platform === 'linux' && process.arch === 'x64');
  });

  it.skipIf(probe === null)('tells the pages a memory touched from the ones it never touched', () => {
    const mem = grownMemory(1, 64);
    mem.grow(63 * 16);
    const bytes = new Uint8Array(mem.buffer);
    bytes[40 * MIB + 123] = 1;
    bytes[63 * MIB] = 2;
    const touched = probe!.touched(bytes, 32 * MIB, 64 * MIB, 0);
    expect(touched).not.toBeNull();
    expect(touched!.length).toBe(32 * MIB / BLOCK_SIZE);
    const pages = [...touched!.keys()].filter((page) => touched![page] === 1).map((page) => 32 * MIB + page * BLOCK_SIZE);
    expect(pages).toEqual([40 * MIB, 63 * MIB]);
  });

  it.skipIf(probe === null)('leaves the memory exactly as it found it, and finds it again after growth', () => {
    const mem = grownMemory(2, 16);
    const before = createHash('sha256').update(new Uint8Array(mem.buffer)).digest('hex');
    expect(touchedPage(new Uint8Array(mem.buffer), 0)).toBe(1);
    expect(createHash('sha256').update(new Uint8Array(mem.buffer)).digest('hex')).toBe(before);
    mem.grow(16 * 14);
    const grown = new Uint8Array(mem.buffer);
    grown[15 * MIB] = 9;
    expect(touchedPage(grown, 15 * MIB)).toBe(1);
    expect(touchedPage(grown, 14 * MIB)).toBe(0);
  });

  it.skipIf(probe === null)('is not fooled by a copy of the memory of the same size', () => {
    const mem = grownMemory(1, 8);
    mem.grow(16 * 7);
    const bytes = new Uint8Array(mem.buffer);
    // Same size, same bytes where the probe looks (only the first page is copied: reading the
    // rest would touch it).
    const copy = new Uint8Array(bytes.length);
    copy.set(bytes.subarray(0, BLOCK_SIZE));
    bytes[5 * MIB] = 1;
    expect(touchedPage(bytes, 5 * MIB)).toBe(1);
    expect(touchedPage(bytes, 6 * MIB)).toBe(0);
  });

  it.skipIf(probe === null)('does not touch a shared memory, which other threads could be reading', () => {
    const mem = new WebAssembly.Memory({ initial: 32, maximum: 64, shared: true });
    expect(probe!.touched(new Uint8Array(mem.buffer), 0, 2 * MIB, 0)).toBeNull();
  });

  it('answers null for bytes that are not a wasm memory, and the tracker reads them instead', () => {
    const plain = new Uint8Array(4 * MIB);
    if (probe) expect(probe.touched(plain, 0, 4 * MIB, 0)).toBeNull();
    const tracker = new ChangeTracker(plain);
    plain[3 * MIB + 5] = 1;
    expect(tracker.capture(plain).ranges).toEqual([[3 * MIB + 5, 3 * MIB + 6]]);
  });
});

describe('ChangeTracker with the resident-page probe', () => {
  it.skipIf(probe === null)('captures a growth without reading the pages the guest never touched', () => {
    const mem = grownMemory(1, 256);
    const tracker = new ChangeTracker(new Uint8Array(mem.buffer));
    mem.grow(255 * 16);
    const bytes = new Uint8Array(mem.buffer);
    const writes = [1 * MIB + 7, 100 * MIB, 100 * MIB + BLOCK_SIZE - 1, 255 * MIB + WASM_PAGE * 3 + 17, 256 * MIB - 1];
    for (const at of writes) bytes[at] = 0xee;
    const delta = tracker.capture(bytes);
    expect(delta.grew).toEqual({ fromPages: 16, toPages: 256 * 16 });
    expect(delta.ranges).toEqual(writes.map((at) => [at, at + 1]));
    // Reading a page backs it (the zero page or a fresh one): the capture left these alone.
    for (const at of [2 * MIB, 99 * MIB, 200 * MIB, 255 * MIB]) expect(touchedPage(bytes, at)).toBe(0);
    // The next capture finds only what changed since, also in the never-touched stretches.
    bytes[150 * MIB + 3] = 1;
    bytes[100 * MIB] = 0;
    expect(tracker.capture(bytes).ranges).toEqual([[100 * MIB, 100 * MIB + 1], [150 * MIB + 3, 150 * MIB + 4]]);
    expect(touchedPage(bytes, 200 * MIB)).toBe(0);
  });

  it.skipIf(probe === null)('takes a baseline of a large memory without reading its untouched pages', () => {
    const mem = new WebAssembly.Memory({ initial: 64 * 16 });
    const bytes = new Uint8Array(mem.buffer);
    bytes[3] = 1;
    bytes[48 * MIB + 9] = 2;
    const image = new ChangeTracker().reset(bytes);
    expect(image.blocks.map((block) => block.index * BLOCK_SIZE)).toEqual([0, 48 * MIB]);
    expect(touchedPage(bytes, 20 * MIB)).toBe(0);
  });
});
