// The step history under a byte budget: bytes retained (not time) stay bounded, the latest 16
// steps, the initial image and keyframes stay exact, compressible steps are all kept by
// deflating, and an old step that lost blocks is an error value, never silently wrong bytes.

import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { ChangeTracker } from './change-tracker.ts';
import { EXACT_RECENT_STEPS, MemoryHistory } from './memory-history.ts';
import { BLOCK_SIZE, WASM_PAGE } from './types.ts';
import { noise } from './test-helpers.ts';

const KiB = 1024;
const MiB = 1024 * KiB;

/** Steps through a real tracker into a budgeted history; `keep` steps keep full copies to check. */
function recorder(pages: number, budgetBytes: number) {
  const mem = new WebAssembly.Memory({ initial: pages });
  const tracker = new ChangeTracker();
  const history = new MemoryHistory(tracker.reset(new Uint8Array(mem.buffer)), { budgetBytes });
  const copies = new Map<number, Uint8Array>([[-1, new Uint8Array(mem.buffer).slice()]]);
  return {
    history, copies,
    step(edit: (bytes: Uint8Array) => void, keep: boolean): void {
      edit(new Uint8Array(mem.buffer));
      const step = history.lastStep + 1;
      history.commit(step, tracker.capture(new Uint8Array(mem.buffer)));
      if (keep) copies.set(step, new Uint8Array(mem.buffer).slice());
    },
  };
}

function same(history: MemoryHistory, step: number, copy: Uint8Array): boolean {
  const read = history.read(0, copy.length, step);
  return read.ok && Buffer.from(read.value).equals(copy);
}

describe('MemoryHistory with a byte budget', () => {
  it('keeps 300 incompressible 64 KiB steps within 2 MiB; the latest 16 steps, keyframes and the start stay exact', () => {
    const budget = 2 * MiB;
    const r = recorder(4, budget);
    const steps = 300;
    let peak = 0;
    for (let s = 0; s < steps; s++) {
      r.step((b) => noise(b, WASM_PAGE, 64 * KiB, s * 2 + 1), s >= steps - EXACT_RECENT_STEPS || s % 64 === 0);
      peak = Math.max(peak, r.history.retainedBytes);
    }
    const { history } = r;
    // Without the budget: 300 x 64 KiB = 18.75 MiB. The peak may pass the budget by one step.
    expect(peak).toBeLessThanOrEqual(budget + 64 * KiB);
    expect(history.retainedBytes).toBeLessThanOrEqual(budget);
    for (let s = steps - EXACT_RECENT_STEPS; s < steps; s++) {
      expect(history.isExact(s), `step ${s}`).toBe(true);
      expect(same(history, s, r.copies.get(s)!), `step ${s}`).toBe(true);
    }
    expect(same(history, -1, r.copies.get(-1)!)).toBe(true);
    const keyframes = [...r.copies.keys()].filter((s) => s >= 0 && s < steps - EXACT_RECENT_STEPS && history.isExact(s));
    expect(keyframes.length).toBeGreaterThan(0);
    for (const s of keyframes) expect(same(history, s, r.copies.get(s)!), `keyframe ${s}`).toBe(true);
  });

  it('keeps its bookkeeping bounded too: 1,000 steps rewriting the same blocks track ~1 version in 10', () => {
    // 4 blocks rewritten by every step: a version each per step, nearly all dropped for the budget.
    const r = recorder(4, 128 * KiB);
    const steps = 1000;
    for (let s = 0; s < steps; s++) r.step((b) => noise(b, WASM_PAGE, 4 * BLOCK_SIZE, s * 2 + 1), s >= steps - EXACT_RECENT_STEPS || s % 64 === 0);
    const { history } = r;
    // One per block and step before dropped versions were merged: 4,000. Now per block: the 17
    // held recent ones, the keyframes' and a merged dropped run between each two held ones.
    expect(history.versionCount).toBeLessThanOrEqual(4 * 150);
    for (let s = steps - EXACT_RECENT_STEPS; s < steps; s++) expect(same(history, s, r.copies.get(s)!), `step ${s}`).toBe(true);
    const keyframes = [...r.copies.keys()].filter((s) => s >= 0 && s < steps - EXACT_RECENT_STEPS && history.isExact(s));
    expect(keyframes.length).toBeGreaterThan(4);
    for (const s of keyframes) expect(same(history, s, r.copies.get(s)!), `keyframe ${s}`).toBe(true);
    expect(history.read(0, 16, 5).ok).toBe(false);
    expect(same(history, -1, r.copies.get(-1)!)).toBe(true);
  });

  it('refuses to read, map, diff or image a step that lost blocks, saying why', () => {
    const r = recorder(4, 1 * MiB);
    for (let s = 0; s < 100; s++) r.step((b) => noise(b, WASM_PAGE, 64 * KiB, s * 2 + 1), false);
    const { history } = r;
    const lost = 5; // not a keyframe (every 64th step), long superseded
    expect(history.exactFrom).toBeGreaterThan(lost);
    expect(history.isExact(lost)).toBe(false);
    const read = history.read(0, 16, lost);
    expect(read.ok).toBe(false);
    // Step index 5 is the sixth step; the initial image (a keyframe) is before the first step.
    if (!read.ok) expect(read.error.message).toMatch(/^the memory after step 6 is no longer held exactly.*--history-mb.*; it holds exactly the memory before the first step, .*after steps \d+\.\.100$/);
    expect(() => history.pageMap(lost)).toThrow(/no longer held exactly/);
    expect(() => history.diff(lost, history.lastStep)).toThrow(/no longer held exactly/);
    expect(() => history.imageAt(lost)).toThrow(/no longer held exactly/);
    // Sizes and what each step changed are kept for every step.
    expect(history.sizeAt(lost)).toBe(4 * WASM_PAGE);
    expect(history.changesAt(lost).changedBytes).toBeGreaterThan(60 * KiB);
  });

  it('keeps every step of compressible data exact by deflating, within the budget', () => {
    // The latest 16 steps stay raw (1 MiB); 104 older ones would need 6.5 MiB more undeflated.
    const budget = 2 * MiB;
    const r = recorder(4, budget);
    const steps = 120;
    for (let s = 0; s < steps; s++) {
      // 64 KiB of a repeating 16-byte pattern that differs per step: deflate shrinks it ~100x.
      r.step((b) => { for (let i = 0; i < 64 * KiB; i++) b[WASM_PAGE + i] = (i % 16) * 7 + s; }, true);
    }
    const { history } = r;
    expect(history.retainedBytes).toBeLessThanOrEqual(budget);
    expect(history.exactFrom).toBe(-1);
    for (let s = -1; s < steps; s++) expect(same(history, s, r.copies.get(s)!), `step ${s}`).toBe(true);
    expect(history.diff(3, 4)).toEqual([[WASM_PAGE, WASM_PAGE + 64 * KiB]]);
  });

  it('keeps 10,000 tiny steps in far less than a block each', () => {
    const r = recorder(2, 256 * MiB);
    const steps = 10_000;
    for (let s = 0; s < steps; s++) {
      // An allocator-like step: a counter and a free-list pointer in one block.
      r.step((b) => { b[64 + (s % 8) * 4] = s & 0xff; b[1000] = (s >> 8) & 0xff; }, s % 997 === 0);
    }
    const { history } = r;
    // Kept whole, each step would hold a 4 KiB block (40 MiB); deflated in groups, a few bytes.
    expect(history.retainedBytes / steps).toBeLessThan(BLOCK_SIZE / 16);
    for (const [s, copy] of r.copies) expect(same(history, s, copy), `step ${s}`).toBe(true);
  });
});
