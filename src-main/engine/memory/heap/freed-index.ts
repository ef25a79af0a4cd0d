// Which remembered freed heap blocks overlap a byte range, without looking at all of them: the
// ledger checks every host read and write of a step against up to 10,000 freed blocks, and a
// scan of them all per access cost O(freed) each.
//
// Blocks are kept in size classes (class c: sizes in [2^c, 2^(c+1))), each two parallel arrays
// sorted by address. A block of class c that overlaps [start, end) starts after
// start - 2^(c+1) and before end, so each class is searched in that window only (a binary
// search, then the blocks in it). Freed blocks of one class rarely pile up in one window (they
// would have to have been reused and freed again at nearby addresses), so a lookup reads about
// log2(n) + a few entries per class in use, not n. Freed blocks may overlap each other (memory
// freed, reused at another start, freed again): the index does not merge them.

/** Size classes: sizes up to 2^32 - 1 bytes (a 32-bit memory). */
const CLASSES = 32;

interface SizeClass {
  addresses: number[];
  sizes: number[];
}

export class FreedIndex {
  private readonly classes: (SizeClass | undefined)[] = new Array<SizeClass | undefined>(CLASSES);
  /** Entries lookups read so far (binary-search steps and the windows scanned): the work done, for tests. */
  visited = 0;

  /** Adds the freed block at `address` (no other remembered block starts there). */
  add(address: number, size: number): void {
    const c = classOf(size);
    const sc = (this.classes[c] ??= { addresses: [], sizes: [] });
    const at = this.firstAtLeast(sc.addresses, address);
    sc.addresses.splice(at, 0, address);
    sc.sizes.splice(at, 0, size);
  }

  /** Forgets the block at `address` of `size` (as it was added); nothing when it is not there. */
  remove(address: number, size: number): void {
    const sc = this.classes[classOf(size)];
    if (!sc) return;
    const at = this.firstAtLeast(sc.addresses, address);
    if (sc.addresses[at] !== address) return;
    sc.addresses.splice(at, 1);
    sc.sizes.splice(at, 1);
  }

  clear(): void {
    this.classes.fill(undefined);
  }

  /** Calls `found(address)` for every block overlapping [start, end), in no particular order. */
  overlapping(start: number, end: number, found: (address: number) => void): void {
    for (let c = 0; c < CLASSES; c++) {
      const sc = this.classes[c];
      if (!sc || sc.addresses.length === 0) continue;
      // The largest size in class c is 2^(c+1) - 1: a block starting at or before
      // start - 2^(c+1) + 1 ends by start.
      const { addresses, sizes } = sc;
      this.visited += Math.ceil(Math.log2(addresses.length + 1));
      for (let i = this.firstAtLeast(addresses, start - 2 ** (c + 1) + 2); i < addresses.length; i++) {
        this.visited++;
        const address = addresses[i]!;
        if (address >= end) break;
        if (address + sizes[i]! > start) found(address);
      }
    }
  }

  /** Index of the first of the sorted `addresses` at least `address` (binary search). */
  private firstAtLeast(addresses: number[], address: number): number {
    let lo = 0;
    let hi = addresses.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (addresses[mid]! < address) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** The size class of a block of `size` bytes: floor(log2(size)), 0 for sizes 0 and 1. */
function classOf(size: number): number {
  return size < 2 ? 0 : 31 - Math.clz32(Math.min(size, 0xffffffff));
}
