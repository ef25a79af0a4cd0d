// The step history hands buffers it let go back for reuse (to the worker, which copies later
// captures into them): only buffers no kept version and no lent image still views, and whole
// packs rather than piecewise compacted copies; reuse never changes what any exact step reads.

import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { ChangeTracker } from './change-tracker.ts';
import { EXACT_RECENT_STEPS, MemoryHistory } from './memory-history.ts';
import { WASM_PAGE } from './types.ts';
import { noise } from './test-helpers.ts';

const KiB = 1024;
const MiB = 1024 * KiB;

/** A history whose recycled buffers are scribbled over at once, as reuse by the worker would. */
function scribbledHistory(budgetBytes: number) {
  const mem = new WebAssembly.Memory({ initial: 4 });
  const recycled: ArrayBuffer[] = [];
  const tracker = new ChangeTracker(undefined, (size) => {
    const reuse = recycled.findIndex((b) => b.byteLength === size);
    return new Uint8Array(reuse >= 0 ? recycled.splice(reuse, 1)[0]! : new ArrayBuffer(size));
  });
  const sizes: number[] = [];
  const history = new MemoryHistory(tracker.reset(new Uint8Array(mem.buffer)), {
    budgetBytes,
    recycle: (buffer) => {
      new Uint8Array(buffer).fill(0xee);
      sizes.push(buffer.byteLength);
      recycled.push(buffer);
    },
  });
  const copies = new Map<number, Uint8Array>();
  const step = (seed: number) => {
    noise(new Uint8Array(mem.buffer), WASM_PAGE, 64 * KiB, seed);
    const s = history.lastStep + 1;
    history.commit(s, tracker.capture(new Uint8Array(mem.buffer)));
    copies.set(s, new Uint8Array(mem.buffer).slice());
  };
  return { history, sizes, copies, step };
}

describe('MemoryHistory recycling', () => {
  it('hands back whole step buffers once their versions are dropped, and exact steps read the same', () => {
    const r = scribbledHistory(1 * MiB);
    for (let s = 0; s < 200; s++) r.step(s * 2 + 1);
    // 200 x 64 KiB through a 1 MiB budget: most steps' buffers were let go, each whole.
    expect(r.sizes.length).toBeGreaterThan(100);
    expect(new Set(r.sizes)).toEqual(new Set([64 * KiB]));
    for (let s = -1; s <= r.history.lastStep; s++) {
      if (s < 0 || !r.history.isExact(s)) continue;
      const read = r.history.read(0, 4 * WASM_PAGE, s);
      expect(read.ok && Buffer.from(read.value).equals(r.copies.get(s)!), `step ${s}`).toBe(true);
    }
    for (let s = r.history.lastStep - EXACT_RECENT_STEPS + 1; s <= r.history.lastStep; s++) expect(r.history.isExact(s)).toBe(true);
  });

  it('hands back no merged copies: tiny steps, gathered and deflated in groups, send nothing', () => {
    const mem = new WebAssembly.Memory({ initial: 2 });
    const tracker = new ChangeTracker();
    const handed: number[] = [];
    const history = new MemoryHistory(tracker.reset(new Uint8Array(mem.buffer)), { recycle: (b) => handed.push(b.byteLength) });
    const bytes = new Uint8Array(mem.buffer);
    for (let s = 0; s < 3000; s++) {
      bytes[64 + (s % 8) * 4] = s & 0xff;
      history.commit(s, tracker.capture(bytes));
    }
    // 4 KiB captures, merged into 512 KiB groups to deflate: no capture would ever reuse those.
    expect(handed).toEqual([]);
  });

  it('never hands back a buffer an image was made from', () => {
    const r = scribbledHistory(1 * MiB);
    for (let s = 0; s < 20; s++) r.step(s * 2 + 1);
    const at = r.history.lastStep;
    const image = r.history.imageAt(at);
    const block = image.blocks.find((b) => b.index * image.blockSize === WASM_PAGE)!;
    const before = block.bytes.slice();
    for (let s = 20; s < 200; s++) r.step(s * 2 + 1);
    expect(r.history.isExact(at)).toBe(false);
    expect(block.bytes).toEqual(before);
  });
});
