// Where a host write lands in the allocator's own bytes: the header in front of a block (used or
// free), its other bookkeeping (footers, roots, the top chunk's header) or its state in static
// data (dlmalloc's malloc_state). Such a write is heap corruption the next malloc or walk trips
// over, steps later; found here, it is the write's own problem, at its line.

import type { BlockList } from './block-list.ts';
import type { HeapWalk } from './types.ts';

export type BookkeepingHit =
  | { kind: 'header'; block: number; size: number; used: boolean }
  | { kind: 'bookkeeping'; start: number; end: number }
  | { kind: 'state'; start: number; end: number };

/**
 * The first of the allocator's bytes [start, end) overwrites, by `walk` (the heap before the
 * write), or null. A write that starts inside a used block is checkOverrun's (it names what it
 * runs into), so only writes that start outside every used block are looked at.
 */
export function bookkeepingHit(walk: HeapWalk, start: number, end: number): BookkeepingHit | null {
  if (walk.status !== 'ok' && walk.status !== 'empty') return null;
  if (walk.used.indexContaining(start) >= 0) return null;
  if (walk.state && start < walk.state[1] && walk.state[0] < end) return { kind: 'state', start: walk.state[0], end: walk.state[1] };
  for (const [list, before, used] of [[walk.used, walk.headerBefore, true], [walk.free, walk.freeHeaderBefore, false]] as const) {
    const block = headerOverlapped(list, before, start, end);
    if (block >= 0) return { kind: 'header', block: list.address(block), size: list.size(block), used };
  }
  // Other bookkeeping (start, size), sorted: the last range starting before `end` is the only
  // one that can overlap, as the ranges do not overlap each other.
  const i = walk.headers.countAtMost(end - 1) - 1;
  if (i >= 0 && walk.headers.address(i) + walk.headers.size(i) > start) {
    return { kind: 'bookkeeping', start: walk.headers.address(i), end: walk.headers.address(i) + walk.headers.size(i) };
  }
  return null;
}

/** The index of the block of `list` whose `before`-byte header [start, end) overlaps, or -1. */
function headerOverlapped(list: BlockList, before: number, start: number, end: number): number {
  if (before === 0) return -1;
  // The first block after `start`: its header is the nearest one at or after the write's start.
  const i = list.countAtMost(start);
  return i < list.count && list.address(i) - before < end ? i : -1;
}
