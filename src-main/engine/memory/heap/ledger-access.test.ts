// The ledger's use-after-free check of host reads and writes against the freed blocks it
// remembers: the same findings as a scan of every freed block in the order they were freed
// (what checkAccess did before it had an index), over a long random heap history that reuses
// memory at other starts and forgets the oldest of more than 10,000 frees; and the work per
// access, counted in index entries read, far below the number of freed blocks.

import { describe, expect, it } from 'vitest';
import { HeapLedger } from './ledger.ts';
import { walkOf } from './testing.ts';

const HEAP = 0x10000;
const HEAP_SIZE = 1 << 20;
/** As ledger.ts's FREED_MEMORY: the freed blocks it remembers. */
const REMEMBERED = 10_000;

/** A small deterministic generator (mulberry32), so a failure repeats. */
function random(seed: number): (n: number) => number {
  let t = seed >>> 0;
  return (n) => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r ^= r + Math.imul(r ^ (r >>> 7), 61 | r);
    return Math.floor((((r ^ (r >>> 14)) >>> 0) / 2 ** 32) * n);
  };
}

/**
 * A heap's history as the ledger sees it, with the old check: every freed block, oldest first.
 * Between walks the blocks that went are freed and the new ones forget a freed block at their
 * start, in address order as the ledger's diff of two walks meets them (a block at the same
 * start in both walks was resized, not freed).
 */
class Model {
  readonly live = new Map<number, number>();
  /** Freed blocks in the order they were freed: [address, size]. */
  freed: [number, number][] = [];
  walk = walkOf(this.live);

  step(): void {
    const before = this.walk;
    const after = walkOf(this.live);
    let i = 0;
    let j = 0;
    while (i < before.used.count || j < after.used.count) {
      const a = i < before.used.count ? before.used.address(i) : Infinity;
      const b = j < after.used.count ? after.used.address(j) : Infinity;
      if (a === b) {
        i++;
        j++;
        continue;
      }
      if (a < b) {
        this.freed.push([a, before.used.size(i++)]);
        if (this.freed.length > REMEMBERED) this.freed.shift();
      } else {
        this.freed = this.freed.filter(([address]) => address !== b);
        j++;
      }
    }
    this.walk = after;
  }

  /** The freed block a host access of [start, end) is reported over (its address), or null. */
  check(start: number, end: number): number | null {
    for (const [address, size] of this.freed) {
      if (address >= end || address + size <= start) continue;
      if (this.walk.used.indexContaining(Math.max(start, address)) >= 0) continue;
      return address;
    }
    return null;
  }

  /** Whether [address, address + size) is clear of every live block. */
  fits(address: number, size: number): boolean {
    if (address + size > HEAP + HEAP_SIZE) return false;
    for (const [a, s] of this.live) if (a < address + size && address < a + s) return false;
    return true;
  }
}

/** The address of the freed block a problem names ("… the 24-byte block at 0x10620 …"). */
function blockNamed(message: string): number {
  return Number(/block at (0x[0-9a-f]+)/.exec(message)![1]);
}

describe('HeapLedger.checkAccess', () => {
  it('reports the same use after free as a scan of every freed block, oldest first', () => {
    const next = random(8);
    const model = new Model();
    const ledger = new HeapLedger();
    ledger.start(walkOf(model.live));
    let checked = 0;
    let found = 0;
    for (let step = 0; step < 320; step++) {
      // Frees, then allocations that often reuse freed memory at another start (so freed
      // blocks overlap each other), sizes from 1 byte to 64 KiB.
      for (const address of [...model.live.keys()]) if (next(3) === 0) model.live.delete(address);
      for (let k = 0; k < 45; k++) {
        const size = next(8) === 0 ? 1 + next(65536) : 1 + next(256);
        const address = HEAP + next(HEAP_SIZE);
        if (model.fits(address, size)) model.live.set(address, size);
      }
      model.step();
      ledger.observe(model.walk, { step, line: step + 1, calls: [] });
      for (let k = 0; k < 25; k++) {
        const start = HEAP + next(HEAP_SIZE);
        const end = start + 1 + next(next(4) === 0 ? 4096 : 16);
        const expected = model.check(start, end);
        const problem = ledger.checkAccess(start, end, 'a read');
        expect(problem === null ? null : blockNamed(problem.message)).toBe(expected);
        checked++;
        if (expected !== null) found++;
      }
    }
    // The history went past what the ledger remembers, and the check found and cleared plenty.
    expect(model.freed.length).toBe(REMEMBERED);
    expect(found).toBeGreaterThan(checked / 10);
    expect(found).toBeLessThan(checked);
  });

  it('reads a handful of index entries per access, not every one of 10,000 freed blocks', () => {
    // 10,000 freed 16-byte blocks side by side, then accesses anywhere among them.
    const ledger = new HeapLedger();
    const blocks = new Map<number, number>();
    for (let i = 0; i < REMEMBERED; i++) blocks.set(HEAP + i * 32, 16);
    ledger.start(walkOf(new Map()));
    ledger.observe(walkOf(blocks), { step: 0, line: 1, calls: [] });
    ledger.observe(walkOf(new Map()), { step: 1, line: 2, calls: [] });
    const before = ledger.freedIndex.visited;
    const accesses = 100;
    for (let k = 0; k < accesses; k++) {
      const start = HEAP + k * 97 * 32 + 4;
      expect(ledger.checkAccess(start, start + 8, 'a read')?.address).toBe(start);
    }
    const perAccess = (ledger.freedIndex.visited - before) / accesses;
    // A binary search (~14 steps) and the two or three blocks in the window; a scan read 10,000.
    expect(perAccess).toBeLessThan(20);
  });
});
