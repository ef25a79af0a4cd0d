// A compact, growable list of heap blocks as (address, size) pairs in one Uint32Array: a walk
// over 10,000 blocks allocates a few arrays, not 10,000 objects, and the diff between two
// walks is one merge over two sorted lists.

/** The storage of every list nothing was pushed into yet. */
const NONE = new Uint32Array(0);

export class BlockList {
  private data = NONE;
  count = 0;

  /**
   * Room for `capacity` blocks is made at the first push, not here: a walk that resumes from an
   * earlier one takes over that walk's lists, and the fresh ones it started with stay empty.
   */
  constructor(private readonly capacity = 64) {}

  push(address: number, size: number): void {
    if (this.count * 2 === this.data.length) {
      const bigger = new Uint32Array(Math.max(this.data.length * 2, this.capacity * 2));
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

  /** A new list holding a copy of blocks [from, to). */
  slice(from: number, to = this.count): BlockList {
    const out = new BlockList(Math.max(8, to - from));
    out.data = new Uint32Array(out.capacity * 2);
    out.data.set(this.data.subarray(from * 2, to * 2));
    out.count = to - from;
    return out;
  }

  toArray(): { address: number; size: number }[] {
    const out: { address: number; size: number }[] = [];
    for (let i = 0; i < this.count; i++) out.push({ address: this.address(i), size: this.size(i) });
    return out;
  }
}
