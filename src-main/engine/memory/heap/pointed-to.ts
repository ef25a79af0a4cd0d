// Which leaked blocks guest memory still points to: a conservative scan, the way Valgrind tells
// "still reachable" from "definitely lost". Every aligned 4-byte word below `end` is read as a
// possible pointer; one equal to a leaked block's address (what the allocator handed out) is a
// reference to it. A reference from outside every leaked block (static data, the stack, a block
// live before the sequence) makes the block reachable, and so does one from inside a reachable
// leaked block; a leak referenced only from other unreachable leaks is not. A number that merely
// equals an address counts too: "pointed to" means "may still be in use", never proof.
//
// What wasi-libc's start-up allocates for the process (the preopen table, environ) is listed
// among a command's leaks; its static data points to it, where a block the program lost is
// pointed to by nothing.

export interface Leak {
  address: number;
  size: number;
}

/** References kept per leak while scanning; the first one found from a reachable place is reported. */
const MAX_REFERENCES = 8;

/**
 * For each reachable leak, the address of a word that points to it (from outside the leaks, or
 * from inside a reachable one). `end`: the scan stops there (the end of the heap the allocator
 * claimed: static data and the stack lie below it in every layout the walkers read).
 */
export function pointedTo(bytes: Uint8Array, leaks: readonly Leak[], end: number): Map<number, number> {
  const reachable = new Map<number, number>();
  if (leaks.length === 0) return reachable;
  const sorted = [...leaks].sort((a, b) => a.address - b.address);
  const sizes = new Map(sorted.map((b) => [b.address, b.size]));
  const lo = sorted[0]!.address;
  const hi = sorted[sorted.length - 1]!.address;
  /** Per leak: the addresses of words pointing to it, each with the leak they lie in (-1: none). */
  const refs = new Map<number, [from: number, inside: number][]>();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stop = Math.min(end, bytes.length) & ~3;
  for (let at = 0; at < stop; at += 4) {
    const v = view.getUint32(at, true);
    if (v < lo || v > hi || !sizes.has(v)) continue;
    if (at >= v && at < v + sizes.get(v)!) continue;
    const list = refs.get(v) ?? [];
    if (list.length < MAX_REFERENCES) list.push([at, containing(sorted, at)]);
    refs.set(v, list);
  }
  // Reachable from outside the leaks first, then through reachable leaks, until nothing changes.
  for (const [address, list] of refs) {
    const root = list.find(([, inside]) => inside === -1);
    if (root) reachable.set(address, root[0]);
  }
  for (let grew = true; grew;) {
    grew = false;
    for (const [address, list] of refs) {
      if (reachable.has(address)) continue;
      const via = list.find(([, inside]) => inside !== -1 && reachable.has(inside));
      if (via) {
        reachable.set(address, via[0]);
        grew = true;
      }
    }
  }
  return reachable;
}

/** The address of the leak (sorted by address) that holds byte `at`, or -1. */
function containing(sorted: readonly Leak[], at: number): number {
  let l = 0;
  let h = sorted.length - 1;
  while (l <= h) {
    const m = (l + h) >> 1;
    const b = sorted[m]!;
    if (at < b.address) h = m - 1;
    else if (at >= b.address + b.size) l = m + 1;
    else return b.address;
  }
  return -1;
}
