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
// build does not check a free: a region freed twice is linked again at its bucket's head. When it
// was still the first there, it links to itself (next and prev both itself); when other regions
// were freed into the bucket in between, the list runs head → region → ... → region again, so
// two links lead to it (its old predecessor's next still does). Either way malloc hands it out
// twice from then on. The walk lists such a region (freedTwice), so the ledger reports the double
// free at the step that made it, even when one guest call made both frees and the walks between
// steps show the block freed once. The heap is not called corrupt: its regions are still all
// where they are.

import { emptyWalk } from './dlmalloc.ts';
import { linksBack, reachedTwice, type ListShape } from './linked-twice.ts';
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
  if (result.free.count !== 0) addFreedTwice(w, result, facts.heapBase);
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
 * Free regions on their bucket's list twice (see the opening comment and linked-twice.ts), listed
 * in `freedTwice` by payload address. Only that: the walk's blocks are still right, and other
 * broken links (a write over freed memory) are not judged here. Bucket heads are static data,
 * below the heap.
 */
function addFreedTwice(w: Words, out: HeapWalk, heapBase: number): void {
  const free = out.free;
  const shape: ListShape = {
    next: 8, prev: 4,
    isNode: (r) => free.indexOf(r + 4) >= 0,
    isHead: (r) => r % 4 === 0 && r + 12 <= heapBase,
  };
  let twice: number[] | null = null;
  let linkedBack = true;
  for (let i = 0; i < free.count; i++) {
    const r = free.address(i) - 4;
    if (w.at(r + 8) === r || w.at(r + 4) === r) (twice ??= []).push(r);
    else if (linkedBack && !linksBack(w, r, shape)) linkedBack = false;
  }
  if (!linkedBack) {
    const regions: number[] = [];
    for (let i = 0; i < free.count; i++) regions.push(free.address(i) - 4);
    (twice ??= []).push(...reachedTwice(w, regions, shape));
  }
  if (twice) out.freedTwice = [...new Set(twice)].sort((a, b) => a - b).map((r) => r + 4);
}
