// Exact change ranges from ChangeTracker on real WebAssembly memories, against known edits.

import { describe, expect, it } from 'vitest';
import { ChangeTracker } from './change-tracker.ts';
import { BLOCK_SIZE, deltaTransferList, WASM_PAGE } from './types.ts';

function memory(pages: number): WebAssembly.Memory {
  return new WebAssembly.Memory({ initial: pages, maximum: 64 });
}

function bytesOf(mem: WebAssembly.Memory): Uint8Array {
  return new Uint8Array(mem.buffer);
}

/** The byte-by-byte truth the tracker must match. */
function naiveRanges(before: Uint8Array, after: Uint8Array): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < after.length; i++) {
    if ((before[i] ?? 0) === after[i]) continue;
    const last = out[out.length - 1];
    if (last !== undefined && last[1] === i) last[1] = i + 1;
    else out.push([i, i + 1]);
  }
  return out;
}

describe('ChangeTracker', () => {
  it('takes the initial image as the baseline and returns its non-zero blocks', () => {
    const mem = memory(2);
    bytesOf(mem).set([1, 2, 3], 5000);
    const tracker = new ChangeTracker();
    const image = tracker.reset(bytesOf(mem));
    expect(image.size).toBe(2 * WASM_PAGE);
    expect(image.blocks.map((b) => b.index)).toEqual([1]);
    expect([...image.blocks[0].bytes.subarray(5000 - BLOCK_SIZE, 5003 - BLOCK_SIZE)]).toEqual([1, 2, 3]);
    expect(tracker.capture(bytesOf(mem)).ranges).toEqual([]);
  });

  it('reports a single byte', () => {
    const mem = memory(1);
    const tracker = new ChangeTracker(bytesOf(mem));
    bytesOf(mem)[1234] = 7;
    const delta = tracker.capture(bytesOf(mem));
    expect(delta.ranges).toEqual([[1234, 1235]]);
    expect(delta.changedBytes).toBe(1);
    expect(delta.grew).toBeUndefined();
    expect(delta.changed.indices).toEqual([0]);
    expect(delta.changed.data[1234]).toBe(7);
    expect(delta.size).toBe(WASM_PAGE);
    expect(tracker.capture(bytesOf(mem)).ranges).toEqual([]);
  });

  it('reports only the bytes of a word that really changed', () => {
    const mem = memory(1);
    new DataView(mem.buffer).setUint32(64, 0x11223344, true);
    const tracker = new ChangeTracker(bytesOf(mem));
    new DataView(mem.buffer).setUint32(64, 0x11aa33bb, true); // bytes 64 and 66 change
    expect(tracker.capture(bytesOf(mem)).ranges).toEqual([[64, 65], [66, 67]]);
    new DataView(mem.buffer).setBigUint64(64, 0xffffffffffffffffn, true);
    const delta = tracker.capture(bytesOf(mem));
    expect(delta.ranges).toEqual([[64, 72]]);
    expect(delta.changedBytes).toBe(8);
  });

  it('coalesces a write across a block and a page boundary into one range', () => {
    const mem = memory(2);
    const tracker = new ChangeTracker(bytesOf(mem));
    bytesOf(mem).fill(9, BLOCK_SIZE - 3, BLOCK_SIZE + 5);
    bytesOf(mem).fill(9, WASM_PAGE - 2, WASM_PAGE + 2);
    const delta = tracker.capture(bytesOf(mem));
    expect(delta.ranges).toEqual([[BLOCK_SIZE - 3, BLOCK_SIZE + 5], [WASM_PAGE - 2, WASM_PAGE + 2]]);
    expect(delta.changedBytes).toBe(12);
    const blocks = WASM_PAGE / BLOCK_SIZE;
    expect(delta.changed.indices).toEqual([0, 1, blocks - 1, blocks]);
  });

  it('reports the very last byte of memory', () => {
    const mem = memory(3);
    const tracker = new ChangeTracker(bytesOf(mem));
    const size = 3 * WASM_PAGE;
    bytesOf(mem)[size - 1] = 0xff;
    const delta = tracker.capture(bytesOf(mem));
    expect(delta.ranges).toEqual([[size - 1, size]]);
    expect(delta.changed.indices).toEqual([size / BLOCK_SIZE - 1]);
  });

  it('reports growth, and only the non-zero bytes of new pages', () => {
    const mem = memory(1);
    const tracker = new ChangeTracker(bytesOf(mem));
    mem.grow(2);
    expect(tracker.capture(bytesOf(mem))).toMatchObject({ ranges: [], changed: { indices: [] }, grew: { fromPages: 1, toPages: 3 } });
    mem.grow(1);
    bytesOf(mem)[10] = 1;
    bytesOf(mem).set([5, 0, 6], 3 * WASM_PAGE + 100);
    const delta = tracker.capture(bytesOf(mem));
    expect(delta.grew).toEqual({ fromPages: 3, toPages: 4 });
    expect(delta.ranges).toEqual([[10, 11], [3 * WASM_PAGE + 100, 3 * WASM_PAGE + 101], [3 * WASM_PAGE + 102, 3 * WASM_PAGE + 103]]);
    expect(delta.size).toBe(4 * WASM_PAGE);
    // Data from before the growth survives in the shadow: undoing it is a change.
    bytesOf(mem)[10] = 0;
    expect(tracker.capture(bytesOf(mem)).ranges).toEqual([[10, 11]]);
  });

  it('hands out private copies packed in one transferable buffer', () => {
    const mem = memory(1);
    const tracker = new ChangeTracker(bytesOf(mem));
    bytesOf(mem)[0] = 1;
    bytesOf(mem)[40000] = 2;
    const delta = tracker.capture(bytesOf(mem));
    expect(delta.changed.indices).toEqual([0, Math.floor(40000 / BLOCK_SIZE)]);
    expect(delta.changed.data.length).toBe(2 * BLOCK_SIZE);
    expect(delta.changed.data.buffer).not.toBe(mem.buffer);
    bytesOf(mem)[0] = 3;
    expect(delta.changed.data[0]).toBe(1);
    expect(delta.changed.data[BLOCK_SIZE + (40000 % BLOCK_SIZE)]).toBe(2);
  });

  it('produces deltas that survive a transfer to another thread', () => {
    const mem = memory(1);
    const tracker = new ChangeTracker(bytesOf(mem));
    bytesOf(mem).set([1, 2, 3], 9000);
    const delta = tracker.capture(bytesOf(mem));
    const moved = structuredClone(delta, { transfer: deltaTransferList(delta) });
    expect(delta.changed.data.length).toBe(0); // detached: the copy really moved
    expect(moved.ranges).toEqual([[9000, 9003]]);
    expect([...moved.changed.data.subarray(9000 - 2 * BLOCK_SIZE, 9003 - 2 * BLOCK_SIZE)]).toEqual([1, 2, 3]);
  });

  it('handles views that are not word aligned', () => {
    const backing = new Uint8Array(BLOCK_SIZE * 3 + 1);
    const view = backing.subarray(1);
    const tracker = new ChangeTracker(view);
    view[5] = 1;
    view[view.length - 1] = 2;
    expect(tracker.capture(view).ranges).toEqual([[5, 6], [view.length - 1, view.length]]);
  });

  it('matches a byte-by-byte comparison on random edits', () => {
    let seed = 12345;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed % n;
    };
    const mem = memory(2);
    const tracker = new ChangeTracker(bytesOf(mem));
    for (let round = 0; round < 30; round++) {
      if (round % 10 === 9) mem.grow(1);
      const before = bytesOf(mem).slice();
      for (let edit = random(6); edit > 0; edit--) {
        const at = random(bytesOf(mem).length - 40);
        for (let k = random(40); k > 0; k--) bytesOf(mem)[at + k] = random(3);
      }
      const delta = tracker.capture(bytesOf(mem));
      const expected = naiveRanges(before, bytesOf(mem));
      expect(delta.ranges).toEqual(expected);
      expect(delta.changedBytes).toBe(expected.reduce((n, [s, e]) => n + e - s, 0));
    }
  });

  it('finds every changed block of a page wherever they are: one, both ends, either half, several, all', () => {
    // The blocks of a differing page are found by halves; each pattern takes another path.
    const patterns = [[0], [15], [7], [8], [0, 15], [3, 4], [7, 8], [1, 9, 14], [0, 2, 4, 6, 8, 10, 12, 14], [...Array(16).keys()]];
    const mem = memory(3);
    bytesOf(mem).fill(1, 0, 3 * WASM_PAGE); // every block written: compared against the shadow
    const tracker = new ChangeTracker(bytesOf(mem));
    for (const blocks of patterns) {
      const before = bytesOf(mem).slice();
      for (const b of blocks) bytesOf(mem)[WASM_PAGE + b * BLOCK_SIZE + (b * 37) % BLOCK_SIZE] ^= 0xff;
      const delta = tracker.capture(bytesOf(mem));
      expect(delta.ranges, String(blocks)).toEqual(naiveRanges(before, bytesOf(mem)));
      expect(delta.changed.indices, String(blocks)).toEqual(blocks.map((b) => 16 + b));
    }
  });

  it('lists the runs of changed blocks, with exact changedBytes, past 1024 separate ranges', () => {
    const mem = memory(2);
    const tracker = new ChangeTracker(bytesOf(mem));
    const bytes = bytesOf(mem);
    for (let i = 0; i < 8192; i += 2) bytes[WASM_PAGE + i] = 1; // 4096 one-byte ranges in one block run
    bytes[100] = 7;
    const delta = tracker.capture(bytesOf(mem));
    expect(delta.coarse).toBe(true);
    expect(delta.changedBytes).toBe(4097);
    expect(delta.ranges).toEqual([[0, BLOCK_SIZE], [WASM_PAGE, WASM_PAGE + 2 * BLOCK_SIZE]]);
    bytes[100] = 8;
    const next = tracker.capture(bytesOf(mem));
    expect(next.coarse).toBeUndefined();
    expect(next.ranges).toEqual([[100, 101]]);
  });

  it('never reads the shadow where nothing was written: no page faults there after a growth', () => {
    // 64 MiB grown, untouched: the growing capture reads (and so maps) the memory's new pages;
    // the next capture must not then map the shadow's 16,384 fresh pages by comparing against
    // them (it did: ~150 ms of CPU in faults for 1 GiB). Faults are counted for the whole
    // process, so other threads may add a few; the bound is half the pages the bug cost.
    const mem = new WebAssembly.Memory({ initial: 1, maximum: 1025 });
    const tracker = new ChangeTracker(bytesOf(mem));
    mem.grow(1024);
    expect(tracker.capture(bytesOf(mem)).ranges).toEqual([]);
    bytesOf(mem)[40 * WASM_PAGE + 3] = 9;
    const faults = process.resourceUsage().minorPageFault;
    const delta = tracker.capture(bytesOf(mem));
    const added = process.resourceUsage().minorPageFault - faults;
    expect(delta.ranges).toEqual([[40 * WASM_PAGE + 3, 40 * WASM_PAGE + 4]]);
    expect(added).toBeLessThan((64 << 20) / 4096 / 2);
    // The block written now is compared against its shadow from here on: undoing it is a change.
    bytesOf(mem)[40 * WASM_PAGE + 3] = 0;
    expect(tracker.capture(bytesOf(mem)).ranges).toEqual([[40 * WASM_PAGE + 3, 40 * WASM_PAGE + 4]]);
  });

  it('grows its shadow in place: a growth copies none of the written blocks', () => {
    // The shadow was replaced at a growth by a larger one with every written block copied in,
    // a page fault per block: 4 MiB written cost ~1,000 faults (~12 ms on a VM) at that step,
    // and 256 MiB written ~830 ms at every step that grew a page (before it grew by doubling).
    const mem = new WebAssembly.Memory({ initial: 64, maximum: 256 });
    for (let at = 0; at < 64 * WASM_PAGE; at += BLOCK_SIZE) bytesOf(mem)[at] = 1;
    const tracker = new ChangeTracker(bytesOf(mem));
    mem.grow(1);
    expect(tracker.capture(bytesOf(mem)).ranges).toEqual([]);
    mem.grow(128);
    bytesOf(mem)[65 * WASM_PAGE + 9] = 5;
    bytesOf(mem)[3 * BLOCK_SIZE] = 0;
    const faults = process.resourceUsage().minorPageFault;
    const delta = tracker.capture(bytesOf(mem));
    const added = process.resourceUsage().minorPageFault - faults;
    expect(delta.ranges).toEqual([[3 * BLOCK_SIZE, 3 * BLOCK_SIZE + 1], [65 * WASM_PAGE + 9, 65 * WASM_PAGE + 10]]);
    expect(tracker.size).toBe(193 * WASM_PAGE);
    // Faults are counted for the whole process, so other threads may add a few: the bound is
    // a quarter of the 1,024 written blocks a copy would fault in.
    expect(added).toBeLessThan(256);
    // What the shadow holds past the old size is compared from now on: undoing it is a change.
    bytesOf(mem)[65 * WASM_PAGE + 9] = 0;
    expect(tracker.capture(bytesOf(mem)).ranges).toEqual([[65 * WASM_PAGE + 9, 65 * WASM_PAGE + 10]]);
    // And what was written before the growth still is.
    bytesOf(mem)[5 * BLOCK_SIZE] = 2;
    expect(tracker.capture(bytesOf(mem)).ranges).toEqual([[5 * BLOCK_SIZE, 5 * BLOCK_SIZE + 1]]);
  });

  it('stays exact when the memory it is handed changes: another view, a copy, a grown memory', () => {
    // The tracker keeps its views of the memory it last captured; each of these must be seen
    // as what it is, never through the views of the one before.
    const mem = memory(1);
    const tracker = new ChangeTracker(bytesOf(mem));
    bytesOf(mem)[100] = 1;
    expect(tracker.capture(bytesOf(mem)).ranges).toEqual([[100, 101]]);
    bytesOf(mem)[200] = 2;
    expect(tracker.capture(new Uint8Array(mem.buffer)).ranges).toEqual([[200, 201]]);
    const copy = bytesOf(mem).slice();
    copy[300] = 3;
    expect(tracker.capture(copy).ranges).toEqual([[300, 301]]);
    // The wasm memory still has 0 at 300: against the copy's baseline that is a change back.
    expect(tracker.capture(bytesOf(mem)).ranges).toEqual([[300, 301]]);
    mem.grow(1);
    bytesOf(mem)[WASM_PAGE + 5] = 4;
    bytesOf(mem)[400] = 5;
    const grown = tracker.capture(bytesOf(mem));
    expect(grown.ranges).toEqual([[400, 401], [WASM_PAGE + 5, WASM_PAGE + 6]]);
    expect(grown.grew).toEqual({ fromPages: 1, toPages: 2 });
    bytesOf(mem)[WASM_PAGE + 5] = 6;
    expect(tracker.capture(bytesOf(mem)).ranges).toEqual([[WASM_PAGE + 5, WASM_PAGE + 6]]);
  });

  it('captureRanges compares only the blocks under the given ranges, exactly', () => {
    const mem = memory(4);
    bytesOf(mem).set([1, 2, 3, 4], 70_000);
    const tracker = new ChangeTracker(bytesOf(mem));
    bytesOf(mem).set([1, 9, 3, 9], 70_000);
    bytesOf(mem)[3 * WASM_PAGE + 5] = 6;
    // The caller vouches that only [70000, 70004) and [250000, 250002) can differ: the byte at
    // 3 pages + 5 is outside both, so it is not compared (a full capture finds it later).
    const delta = tracker.captureRanges(bytesOf(mem), [[70_000, 70_004], [250_000, 250_002]]);
    expect(delta.ranges).toEqual([[70_001, 70_002], [70_003, 70_004]]);
    expect(delta.changed.indices).toEqual([Math.floor(70_000 / BLOCK_SIZE)]);
    expect(delta.grew).toBeUndefined();
    expect(tracker.capture(bytesOf(mem)).ranges).toEqual([[3 * WASM_PAGE + 5, 3 * WASM_PAGE + 6]]);
    // A range over a block boundary, in blocks never written, then written.
    bytesOf(mem).set([5, 5], BLOCK_SIZE * 10 - 1);
    expect(tracker.captureRanges(bytesOf(mem), [[BLOCK_SIZE * 10 - 1, BLOCK_SIZE * 10 + 1]]).ranges).toEqual([[BLOCK_SIZE * 10 - 1, BLOCK_SIZE * 10 + 1]]);
    bytesOf(mem)[BLOCK_SIZE * 10] = 0;
    expect(tracker.captureRanges(bytesOf(mem), [[BLOCK_SIZE * 10, BLOCK_SIZE * 10 + 1]]).ranges).toEqual([[BLOCK_SIZE * 10, BLOCK_SIZE * 10 + 1]]);
  });

  it('captureRanges on a memory that grew since captures all of it', () => {
    const mem = memory(1);
    const tracker = new ChangeTracker(bytesOf(mem));
    mem.grow(1);
    bytesOf(mem)[WASM_PAGE + 8] = 1;
    bytesOf(mem)[8] = 1;
    const delta = tracker.captureRanges(bytesOf(mem), [[8, 9]]);
    expect(delta.ranges).toEqual([[8, 9], [WASM_PAGE + 8, WASM_PAGE + 9]]);
    expect(delta.grew).toEqual({ fromPages: 1, toPages: 2 });
  });
});

