// Which leaked blocks guest memory still points to: a conservative scan, the way Valgrind tells
// "still reachable" from "definitely lost". Every aligned 4-byte word below `end` is read as a
// possible pointer; one equal to a leaked block's address (what the allocator handed out) is a
// reference to it. A reference from memory still in use (static data, a block live before the
// sequence, or a kept leak) keeps the block: still reachable, maybe on purpose. One only from
// memory nothing uses any more (the stack below its pointer after the calls returned, a free
// chunk) is said, but keeps nothing: a pointer left in a dead frame is how a block gets lost. A
// leak referenced only from other unkept leaks is not kept either, and that leak is said (before
// any stale word). A number that merely equals an address counts too: "pointed to" means "may
// still be in use", never proof.
//
// A word pointing inside a leak, not at its start, is said only for a leak nothing points to
// at its start (`into`). From memory surely in use (static data, a live block) it keeps the
// block, as LeakSanitizer counts interior pointers: Rust's HashMap (hashbrown) holds only a
// pointer to its control bytes, past its buckets, so a map in a static points into its table
// and nowhere at its start; from memory that may be a dead frame's (.bss of unknown size
// beside the free stack) it keeps nothing, since a cursor is left there as often. From inside
// another leak it tells what the block belonged to, and keeps nothing (C++ makes such pointers:
// a libc++ exception's message points past its count, an Emscripten exception past its 16-byte
// header). From memory nothing uses any more it is not said: in a frame that returned it is a
// cursor more often than a block's pointer. A word pointing at a block's last word is not one
// either: there dlmalloc's own state (in .bss) points, at the next chunk's header.
//
// What wasi-libc's start-up allocates for the process (the preopen table, environ) and what
// Rust's std keeps for the process are kept that way: static data points to them, where a block
// the program lost is pointed to by nothing, or only from a stack frame that returned.

export interface Leak {
  address: number;
  size: number;
}

/** References from inside other leaks kept per leak; from outside them, the first of each kind is enough. */
const MAX_REFERENCES = 8;

/** A word inside a leak pointing to another: [its address, the leak it is in, where in the other it points (0: its start)]. */
type Ref = [at: number, holder: number, offset: number];

/** What the scan found: a word pointing to each reachable leak, and which of them are kept. */
export interface LeakReferences {
  /**
   * Leak address → the address of a word pointing to it: a keeping one when there is one, else
   * one inside another leak, else one in memory nothing uses. No entry: nothing points to it.
   */
  from: Map<number, number>;
  /**
   * The leaks a word that `keeps` points to, directly or through kept leaks: still in use, maybe
   * on purpose (Valgrind's "still reachable"). The others are pointed to only from memory no
   * longer in use (a stack frame that returned, a freed chunk), or from nothing.
   */
  kept: Set<number>;
  /** Leak address → where inside it the word in `from` points, for a leak pointed into and not at its start. */
  into: Map<number, number>;
}

/**
 * Whether memory at an address is in use, so that a word there can keep a block: true (static
 * data, a live block), 'maybe' (memory the map cannot tell from the free stack: a pointer to a
 * block's start there keeps it, one inside it does not) or false (the free stack, a free chunk).
 */
export type InUse = boolean | 'maybe';

/**
 * For each leak something points to, the address of a word that does (one that keeps it, else
 * one inside another leak, else a stale one). `end`: the scan stops there (the end of the heap the allocator
 * claimed: static data and the stack lie below it in every layout the walkers read). `keeps`:
 * whether a word at that address can keep a block in use.
 */
export function pointedTo(bytes: Uint8Array, leaks: readonly Leak[], end: number, keeps: (at: number) => InUse = () => true): LeakReferences {
  const from = new Map<number, number>();
  const kept = new Set<number>();
  /**
   * The kept leaks a word surely in use keeps, directly or through other such leaks. The rest of
   * `kept` hangs on a 'maybe' word: a reference from a surely kept leak is said over that word
   * (a deque's second block: from its map's second slot, not from a stale word beside the stack).
   */
  const surely = new Set<number>();
  const into = new Map<number, number>();
  if (leaks.length === 0) return { from, kept, into };
  const sorted = [...leaks].sort((a, b) => a.address - b.address);
  const sizes = new Map(sorted.map((b) => [b.address, b.size]));
  const lo = sorted[0]!.address;
  const last = sorted[sorted.length - 1]!;
  /** The end of the highest leak: no word at or past it points into one. */
  const top = last.address + last.size;
  /** Per leak: words inside other leaks pointing to its start, each with the leak it is in. */
  const refs = new Map<number, Ref[]>();
  /** Per leak: words inside other leaks pointing inside it, each with the leak it is in and where inside it points. */
  const inside = new Map<number, Ref[]>();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stop = Math.min(end, bytes.length) & ~3;
  for (let at = 0; at < stop; at += 4) {
    const v = view.getUint32(at, true);
    if (v < lo || v >= top) continue;
    if (!sizes.has(v)) {
      noteInterior(v, at);
      continue;
    }
    if (at >= v && at < v + sizes.get(v)!) continue;
    const holder = containing(sorted, at);
    if (holder === -1) {
      // From outside the leaks: the first keeping word wins over any other, one at the start over
      // one inside, and one surely in use over a 'maybe'.
      if (surely.has(v) && !into.has(v)) continue;
      // A word at a block's start keeps it from memory that may be in use too ('maybe').
      const keeping = keeps(at);
      if (keeping === true || (keeping === 'maybe' && !kept.has(v))) {
        from.set(v, at);
        kept.add(v);
        if (keeping === true) surely.add(v);
        into.delete(v);
      } else if (!from.has(v)) {
        from.set(v, at);
      }
      continue;
    }
    note(refs, v, [at, holder, 0]);
  }
  // Kept through kept leaks, until nothing changes: by a word at the start, else one inside (a
  // kept block holding a Rust HashMap points into its table); through a surely kept one first,
  // which also makes a leak a 'maybe' word kept surely kept. Each leak only moves from unkept to
  // kept to surely kept, so this ends.
  const referenced = new Set([...refs.keys(), ...inside.keys()]);
  const viaOf = (address: number, holders: Set<number>): Ref | undefined =>
    refs.get(address)?.find(([, holder]) => holders.has(holder)) ?? inside.get(address)?.find(([, holder]) => holders.has(holder));
  for (let grew = true; grew;) {
    grew = false;
    for (const address of referenced) {
      if (surely.has(address)) continue;
      const sure = viaOf(address, surely);
      const via = sure ?? (kept.has(address) ? undefined : viaOf(address, kept));
      if (!via) continue;
      from.set(address, via[0]);
      if (via[2] > 0) into.set(address, via[2]);
      else into.delete(address);
      kept.add(address);
      if (sure) surely.add(address);
      grew = true;
    }
  }
  // A leak that another leak points to is said to be pointed to from inside it, even when a
  // stale word (the free stack) points to it too: a lost object's vector buffer is lost with the
  // object (Valgrind's "indirectly lost"), and freeing the object is what frees it.
  for (const [address, list] of refs) if (!kept.has(address)) from.set(address, list[0]![0]);
  for (const [address, [[at, , offset]]] of inside) {
    if (from.has(address)) continue;
    from.set(address, at);
    into.set(address, offset);
  }
  return { from, kept, into };

  function note(map: Map<number, Ref[]>, target: number, ref: Ref): void {
    const list = map.get(target) ?? [];
    if (list.length < MAX_REFERENCES) list.push(ref);
    map.set(target, list);
  }

  /**
   * A word at `at` holding `v`, which is no leak's start but may lie inside one (not the word's
   * own): from memory surely in use it keeps that leak, unless a word keeps it already; from inside
   * another leak it is remembered (it keeps the leak if that one is kept); elsewhere it is ignored.
   */
  function noteInterior(v: number, at: number): void {
    const target = containing(sorted, v);
    if (target === -1 || (at >= target && at < target + sizes.get(target)!)) return;
    // A block's last word is the next chunk's header in dlmalloc (its prev_foot overlaps the
    // block's usable end), where the allocator's own bins and top point: no data pointer.
    if (v - target >= sizes.get(target)! - 4) return;
    const holder = containing(sorted, at);
    if (holder !== -1) {
      note(inside, target, [at, holder, v - target]);
      return;
    }
    if (surely.has(target) || keeps(at) !== true) return;
    from.set(target, at);
    kept.add(target);
    surely.add(target);
    into.set(target, v - target);
  }
}

/** The address of the block (of `sorted`: ascending, not overlapping) that holds byte `at`, or -1. */
export function containing(sorted: readonly Leak[], at: number): number {
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
