// MemoryHistory fed by a real ChangeTracker: reads at earlier steps, page maps, diffs, sparseness.

import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { ChangeTracker } from './change-tracker.ts';
import { MemoryHistory, PAGE_CHANGED, PAGE_DATA, PAGE_ZERO } from './memory-history.ts';
import { BLOCK_SIZE, WASM_PAGE } from './types.ts';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Runs edits as steps through a tracker into a history; keeps full copies to check against. */
function recorder(pages: number) {
  const mem = new WebAssembly.Memory({ initial: pages, maximum: 100 });
  const tracker = new ChangeTracker();
  const history = new MemoryHistory(tracker.reset(new Uint8Array(mem.buffer)));
  const copies: Uint8Array[] = [new Uint8Array(mem.buffer).slice()];
  return {
    mem, history, copies,
    step(edit: (bytes: Uint8Array) => void): void {
      edit(new Uint8Array(mem.buffer));
      history.commit(history.lastStep + 1, tracker.capture(new Uint8Array(mem.buffer)));
      copies.push(new Uint8Array(mem.buffer).slice());
    },
  };
}

function naiveRanges(x: Uint8Array, y: Uint8Array): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if ((x[i] ?? 0) === (y[i] ?? 0)) continue;
    const last = out[out.length - 1];
    if (last !== undefined && last[1] === i) last[1] = i + 1;
    else out.push([i, i + 1]);
  }
  return out;
}

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('MemoryHistory', () => {
  it('reads memory as it was after each step', () => {
    const r = recorder(1);
    r.step((b) => b.set(text('hello'), 100));
    r.step((b) => b.set(text('HELLO'), 100));
    r.step((b) => b.set(text('!'), 105));
    const { history } = r;
    expect(history.lastStep).toBe(2);
    expect(unwrap(history.read(100, 6, -1))).toEqual(new Uint8Array(6));
    expect(unwrap(history.read(100, 6, 0))).toEqual(text('hello\0'));
    expect(unwrap(history.read(100, 6, 1))).toEqual(text('HELLO\0'));
    expect(unwrap(history.read(100, 6))).toEqual(text('HELLO!'));
    expect(history.changesAt(1)).toEqual({ ranges: [[100, 105]], changedBytes: 5 });
    expect(history.changesAt(-1)).toEqual({ ranges: [], changedBytes: 0 });
    expect(history.diff(0, 2)).toEqual([[100, 106]]);
    expect(history.diff(2, 0)).toEqual([[100, 106]]);
    expect(history.diff(1, 1)).toEqual([]);
  });

  it('bounds-checks reads against the size at that step', () => {
    const r = recorder(1);
    r.step((b) => (b[0] = 1));
    r.mem.grow(1);
    r.step((b) => b.set(text('grown'), WASM_PAGE + 8));
    const { history } = r;
    expect(history.sizeAt(0)).toBe(WASM_PAGE);
    expect(history.sizeAt(1)).toBe(2 * WASM_PAGE);
    expect(unwrap(history.read(WASM_PAGE + 8, 5, 1))).toEqual(text('grown'));
    const early = history.read(WASM_PAGE + 8, 5, 0);
    expect(early.ok).toBe(false);
    if (!early.ok) {
      expect(early.error.code).toBe('out-of-bounds');
      expect(early.error.message).toContain(`${WASM_PAGE + 8}`);
      expect(early.error.message).toContain('5 bytes');
      expect(early.error.message).toContain(`${WASM_PAGE}`);
    }
    expect(history.read(-1, 1).ok).toBe(false);
    expect(unwrap(history.read(2 * WASM_PAGE, 0))).toEqual(new Uint8Array(0));
    const badStep = history.read(0, 1, 7);
    expect(!badStep.ok && badStep.error.code).toBe('usage');
    expect(() => history.sizeAt(2)).toThrow(RangeError);
    expect(history.changesAt(1).grew).toEqual({ fromPages: 1, toPages: 2 });
  });

  it('maps pages as zero, data, or changed by the step', () => {
    const r = recorder(4);
    r.step((b) => (b[2 * WASM_PAGE + 1] = 1));
    r.step((b) => (b[3 * WASM_PAGE + 9] = 1));
    const { history } = r;
    expect([...history.pageMap(-1)]).toEqual([PAGE_ZERO, PAGE_ZERO, PAGE_ZERO, PAGE_ZERO]);
    expect([...history.pageMap(0)]).toEqual([PAGE_ZERO, PAGE_ZERO, PAGE_CHANGED, PAGE_ZERO]);
    expect([...history.pageMap()]).toEqual([PAGE_ZERO, PAGE_ZERO, PAGE_DATA, PAGE_CHANGED]);
  });

  it('forgets blocks that become zero again and shares unchanged ones', () => {
    const r = recorder(1);
    r.step((b) => (b[BLOCK_SIZE * 3] = 1));
    r.step((b) => (b[0] = 1));
    r.step((b) => (b[BLOCK_SIZE * 3] = 0));
    const { history } = r;
    expect(history.imageAt(1).blocks.map((b) => b.index)).toEqual([0, 3]);
    expect(history.imageAt(2).blocks.map((b) => b.index)).toEqual([0]);
    expect(history.imageAt(1).blocks[0].bytes).toEqual(history.imageAt(2).blocks[0].bytes);
    expect([...history.pageMap(2)]).toEqual([PAGE_CHANGED]);
  });

  it('represents a 4 GiB memory sparsely', () => {
    const size = 2 ** 32;
    const block = new Uint8Array(BLOCK_SIZE).fill(0xab);
    const history = new MemoryHistory({ size, blockSize: BLOCK_SIZE, blocks: [{ index: size / BLOCK_SIZE - 1, bytes: block }] });
    const top = new Uint8Array(BLOCK_SIZE);
    top[0] = 1;
    history.commit(0, {
      ranges: [[0, 1]], changedBytes: 1, changed: { indices: [0], data: top }, blockSize: BLOCK_SIZE, size,
    });
    expect(unwrap(history.read(size - 2, 2, -1))).toEqual(Uint8Array.of(0xab, 0xab));
    expect(unwrap(history.read(0, 2))).toEqual(Uint8Array.of(1, 0));
    const map = history.pageMap();
    expect(map.length).toBe(65536);
    expect([map[0], map[1], map[65535]]).toEqual([PAGE_CHANGED, PAGE_ZERO, PAGE_DATA]);
    expect(history.imageAt().blocks).toHaveLength(2);
    expect(history.diff(-1, 0)).toEqual([[0, 1]]);
  });

  it('agrees with full copies on random steps', () => {
    let seed = 99;
    const random = (n: number): number => {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      return seed % n;
    };
    const r = recorder(2);
    for (let s = 0; s < 25; s++) {
      if (s % 8 === 7) r.mem.grow(1);
      r.step((b) => {
        for (let k = random(5); k > 0; k--) {
          const at = random(b.length - 300);
          b.fill(random(4), at, at + random(300));
        }
      });
    }
    const { history, copies } = r;
    for (let s = -1; s <= history.lastStep; s++) {
      const read = Buffer.from(unwrap(history.read(0, history.sizeAt(s), s)));
      expect(read.equals(copies[s + 1]), `step ${s}`).toBe(true);
    }
    for (const [a, b] of [[-1, 24], [3, 17], [10, 11]]) {
      expect(history.diff(a, b)).toEqual(naiveRanges(copies[a + 1], copies[b + 1]));
    }
  });
});
