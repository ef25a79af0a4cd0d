// Walks Emscripten's emmalloc heap (-sMALLOC=emmalloc). Memory from sbrk is a "root region"
// followed by regions, each with its size at both ends; a free region has the low bit set at
// its ceiling:
//
//   root+0   size (16, 20 or more: alignment padding)   root+8  end of this sbrk block
//   root+4   next root (an earlier, non-adjacent block)  root+size-4  size again
//   region+0 size  region+4 payload ... region+size-4 ceiling = size (used) or size | 1 (free)
//   end-16   a 16-byte used sentinel region closes the block
//
// malloc returns region + 4 and the block can hold size - 8 bytes. emmalloc sets its first
// block up during static construction, at __heap_base.
//
// A free region also holds its links in its bucket's circular list, region+4 prev and region+8
// next; each bucket's head is a Region in static data (size, prev, next), so every neighbour,
// head or region, links back (prev.next === region, next.prev === region). emmalloc's release
// build does not check a free: a region freed twice is linked again, to itself when it was still
// its bucket's first (next and prev both itself), and from then on malloc hands it out twice.
// The walk lists such a region (freedTwice), so the ledger reports the double free at the step
// that made it, even when one guest call made both frees and the walks between steps show the
// block freed once. The heap is not called corrupt: its regions are still all where they are.

import { emptyWalk } from './dlmalloc.ts';
import { WalkStop, type HeapFacts, type HeapWalk } from './types.ts';
import { Words } from './words.ts';
import { hexAddress } from '../../../shared/hex.ts';

const FREE_FLAG = 1;
const SENTINEL = 16;
const MAX_BLOCKS = 1024;

export function walkEmmalloc(bytes: Uint8Array, facts: HeapFacts): HeapWalk {
  const w = Words.of(bytes);
  const result: HeapWalk = { ...emptyWalk(), walker: 'emmalloc', headerBefore: 4 };
  if (facts.heapBase === null) return { ...result, status: 'not-recognised', reason: 'the module does not say where its heap starts (__heap_base)' };
  let root = facts.heapBase;
  const reason = checkRoot(w, root);
  if (reason) return { ...result, status: 'not-recognised', reason };
  let lo = root;
  let hi = root;
  try {
    for (let i = 0; root !== 0 && i < MAX_BLOCKS; i++) {
      const bad = checkRoot(w, root);
      if (bad) throw new WalkStop(bad, true);
      const end = w.at(root + 8);
      walkBlock(w, root, end, result);
      lo = Math.min(lo, root);
      hi = Math.max(hi, end);
      root = w.at(root + 4);
    }
  } catch (error) {
    if (!(error instanceof WalkStop)) throw error;
    return { ...result, status: 'corrupt', reason: error.message };
  }
  result.extent = [lo, hi];
  result.status = 'ok';
  return result;
}

function checkRoot(w: Words, root: number): string | null {
  if (root % 4 !== 0 || root + 16 > w.size) return `no emmalloc root region at ${hexAddress(root)}`;
  const size = w.at(root);
  const end = w.at(root + 8);
  // 16, or 20 with alignment padding, and more: an aligned allocation (posix_memalign,
  // aligned_alloc) taken from the block's first region moves that region's start up to align
  // the payload and gives the bytes skipped to the region before it, here the root.
  if (size < 16 || size % 4 !== 0 || end > w.size || end < root + size + SENTINEL || w.at(root + size - 4) !== size) {
    return `no emmalloc root region at ${hexAddress(root)} (size ${size}, block end ${hexAddress(end)})`;
  }
  return null;
}

function walkBlock(w: Words, root: number, end: number, out: HeapWalk): void {
  let r = root + w.at(root);
  out.headers.push(root, r - root);
  const last = end - SENTINEL;
  while (r < last) {
    const size = w.u32(r, 'region size', true);
    if (size < 16 || size % 4 !== 0 || r + size > last) {
      throw new WalkStop(`region at ${hexAddress(r)} has size ${size}, which does not fit before the block end ${hexAddress(end)}`, true);
    }
    const ceiling = w.at(r + size - 4);
    if (ceiling === size) {
      out.used.push(r + 4, size - 8);
    } else if (ceiling === (size | FREE_FLAG)) {
      checkLinks(w, r, out);
      out.free.push(r + 4, size - 8);
      if (r + size === last) out.untouched = [r + 4, r + size - 4];
    } else {
      throw new WalkStop(`region at ${hexAddress(r)} has size ${size} but ${ceiling} at its ceiling`, true);
    }
    out.headers.push(r + size - 4, 4); // the ceiling size; the floor one is headerBefore
    r += size;
  }
  if (r !== last) throw new WalkStop(`regions run past the end sentinel at ${hexAddress(last)}`, true);
  out.headers.push(last, SENTINEL);
}

/**
 * A free region its bucket's list links to itself was freed twice (see the opening comment):
 * listed in `freedTwice` by payload address. Only that: the walk's blocks are still right, and
 * other broken links (a write over freed memory) are not judged here.
 */
function checkLinks(w: Words, r: number, out: HeapWalk): void {
  if (w.u32(r + 4, 'free region link', true) === r || w.u32(r + 8, 'free region link', true) === r) (out.freedTwice ??= []).push(r + 4);
}
