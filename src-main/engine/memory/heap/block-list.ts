// A compact, growable list of heap blocks as (address, size) pairs in one Uint32Array: a walk
// over 10,000 blocks allocates a few arrays, not 10,000 objects, and the diff between two
// walks is one merge over two sorted lists.

/** The storage of every list nothing was pushed into yet. */
const NONE = new Uint32Array(0);

/**
 * Words of a list's first storage: 8 blocks, 64 bytes, the largest typed array V8 keeps on its
 * own heap (~20 ns to make). A larger one's memory is malloc'd and tracked as external, ~0.5 µs
 * each: with room for 64 blocks from the first push, the few fresh lists of a walk after every
 * call step cost more than the rest of a small heap's walk.
 */
const FIRST_WORDS = 16;

export class BlockList {
  private data = NONE;
  count = 0;

  // Storage is made at the first push, not here: a walk that resumes from an earlier one takes
  // over that walk's lists, and the fresh ones it started with stay empty.

  push(address: number, size: number): void {
    if (this.count * 2 === this.data.length) {
      const bigger = new Uint32Array(Math.max(this.data.length * 2, FIRST_WORDS));
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.count * 2] = address;
    this.data[this.count * 2 + 1] = size;
    this.count++;
  }

  address(i: number): number {
    return this.data[i * 2]!;
  }

  size(i: number): number {
    return this.data[i * 2 + 1]!;
  }

  /** Index of the block starting exactly at `address` (binary search; blocks are sorted), or -1. */
  indexOf(address: number): number {
    let lo = 0;
    let hi = this.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const a = this.data[mid * 2]!;
      if (a === address) return mid;
      if (a < address) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Index of the block whose [address, address + size) holds `address`, or -1. */
  indexContaining(address: number): number {
    let lo = 0;
    let hi = this.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const a = this.data[mid * 2]!;
      if (address < a) hi = mid - 1;
      else if (address >= a + this.data[mid * 2 + 1]!) lo = mid + 1;
      else return mid;
    }
    return -1;
  }

  /** How many blocks start at or below `address` (binary search). */
  countAtMost(address: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.data[mid * 2]! <= address) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Drops every block from index `n` on (the storage is kept for the blocks pushed next). */
  truncate(n: number): void {
    this.count = Math.min(n, this.count);
  }

  /** A new list holding a copy of blocks [from, to) (storage of just that size: it grows at the next push). */
  slice(from: number, to = this.count): BlockList {
    const out = new BlockList();
    out.data = this.data.slice(from * 2, to * 2);
    out.count = to - from;
    return out;
  }

  toArray(): { address: number; size: number }[] {
    const out: { address: number; size: number }[] = [];
    for (let i = 0; i < this.count; i++) out.push({ address: this.address(i), size: this.size(i) });
    return out;
  }
}
