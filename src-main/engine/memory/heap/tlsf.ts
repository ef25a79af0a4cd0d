// Walks AssemblyScript's heap: the TLSF allocator (rt/tlsf.ts, used by the incremental and the
// minimal runtime) and the managed-object header in front of every allocation (rt/common.ts).
//
// The TLSF root sits at __heap_base rounded up to 16 (heap-facts.ts and afterRtti below find
// __heap_base, which asc inlines as a constant); its 1572 bytes on wasm32:
//   root+0     flMap u32                first-level bitmap
//   root+4     slMap[23] u32            second-level bitmaps
//   root+96    head[23 * 16] usize      free-list heads
//   root+1568  tail usize               the zero-size block that ends the last pool (0: not set up)
// Blocks follow from the first 16-aligned payload after the root; each has a 4-byte header:
//   block+0    mmInfo = size | LEFTFREE (2) | FREE (1)   size excludes the header; next block
//                                                       is at block + 4 + size
// A used block holds a managed object; its header continues (OBJECT, 20 bytes in all):
//   block+4    gcInfo   (incremental GC: next in its list | colour)
//   block+8    gcInfo2  (previous in its list)
//   block+12   rtId     class id (0 Object, 1 ArrayBuffer, 2 String, ...)
//   block+16   rtSize   the object's byte length: the size the program asked for
//   block+20   the object: the pointer AssemblyScript code and hosts use

import { emptyWalk } from './dlmalloc.ts';
import { WalkStop, type HeapFacts, type HeapWalk } from './types.ts';
import { Words } from './words.ts';
import { hexAddress } from '../../../shared/hex.ts';
import { WASM_PAGE } from '../../../shared/dto.ts';

const FREE = 1;
const LEFTFREE = 2;
const ROOT_SIZE = 1572;
const TAIL_AT = 1568;
const OBJECT_HEADER = 20;
const MAX_POOLS = 1024;

export function walkTlsf(bytes: Uint8Array, facts: HeapFacts): HeapWalk {
  const w = Words.of(bytes);
  const result: HeapWalk = { ...emptyWalk(), walker: 'tlsf', headerBefore: OBJECT_HEADER, freeHeaderBefore: 0 };
  if (facts.heapBase === null) return { ...result, status: 'not-recognised', reason: facts.heapBaseReason ?? 'the module does not say where its heap starts (__heap_base)' };
  const base = facts.rttiBase === undefined ? facts.heapBase : afterRtti(w, facts.rttiBase, facts.dataEnd ?? 0);
  if (typeof base === 'string') return { ...result, status: 'not-recognised', reason: base };
  const root = (base + 15) & ~15;
  if (root + ROOT_SIZE > w.size) return { ...result, status: 'empty', reason: 'nothing allocated yet: the TLSF root is beyond memory' };
  const tail = w.at(root + TAIL_AT);
  if (tail === 0) {
    if (w.at(root) === 0) return { ...result, status: 'empty', reason: 'nothing allocated yet: the TLSF root is not set up' };
    return { ...result, status: 'not-recognised', reason: `TLSF root at ${hexAddress(root)} has a first-level map but no tail block` };
  }
  if (tail % 16 !== 12 || tail + 4 > w.size || tail < root + ROOT_SIZE || (w.at(tail) & ~3) !== 0) {
    return { ...result, status: 'not-recognised', reason: `TLSF root at ${hexAddress(root)}: tail ${hexAddress(tail)} is not a zero-size block inside memory` };
  }
  try {
    walkPools(w, ((root + ROOT_SIZE + 4 + 15) & ~15) - 4, tail, result);
  } catch (error) {
    if (!(error instanceof WalkStop)) throw error;
    return { ...result, status: 'corrupt', reason: error.message };
  }
  result.extent = [root, tail + 4];
  result.headers.push(root, ROOT_SIZE);
  result.status = 'ok';
  return result;
}

/**
 * Where static data ends when asc placed no shadow stack after it: asc lays out the RTTI last
 * (u32 count, then one u32 of flags per class) and __heap_base right after it, aligned to 4.
 * The data segments alone can end short of it: binaryen drops the RTTI's trailing zero flags,
 * and a root looked for at the segments' end would be 16 bytes (or more) too low, reading as
 * "nothing allocated". `dataEnd` is the segments' end; the RTTI cannot end before it (when it
 * does, __rtti_base or the count is not what asc wrote, and any heap start would be a guess).
 */
function afterRtti(w: Words, rtti: number, dataEnd: number): number | string {
  if (rtti + 4 > w.size) return `the RTTI at ${hexAddress(rtti)} (__rtti_base) is outside memory`;
  const end = (rtti + 4 + 4 * w.at(rtti) + 3) & ~3;
  if (end < dataEnd || end > w.size) {
    return `the RTTI at ${hexAddress(rtti)} (__rtti_base) says ${w.at(rtti)} classes, ending at ${hexAddress(end)}, but static data runs to ${hexAddress(dataEnd)}: cannot tell where the heap starts`;
  }
  return end;
}

function walkPools(w: Words, start: number, tail: number, out: HeapWalk): void {
  let end = walkPool(w, start, tail, out);
  for (let pools = 1; end !== tail; pools++) {
    if (pools >= MAX_POOLS) throw new WalkStop(`more than ${MAX_POOLS} memory pools before the tail ${hexAddress(tail)}`, true);
    end = nextPool(w, end, tail, out);
  }
}

/**
 * The pool after the one whose zero-size end block is at `end`: memory grown by someone else
 * (the guest's own memory.grow) lies between them, so TLSF's next growMemory found memory larger
 * than its tail and addMemory started a new pool at that moment's memory end, 12 bytes into a
 * page (its first payload 16-aligned). Which page is not recorded anywhere, and the pages in
 * between hold whatever their owner wrote: the first page whose pool walks cleanly to a pool end
 * is it. Returns that pool's end block.
 */
function nextPool(w: Words, end: number, tail: number, out: HeapWalk): number {
  const marks = [out.used.count, out.free.count, out.headers.count];
  const untouched = out.untouched;
  for (let page = end + 4; page < tail; page += WASM_PAGE) {
    try {
      const next = walkPool(w, page + 12, tail, out);
      if (page > end + 4) (out.gaps ??= []).push([end + 4, page]);
      return next;
    } catch (error) {
      if (!(error instanceof WalkStop)) throw error;
      out.used.truncate(marks[0]!);
      out.free.truncate(marks[1]!);
      out.headers.truncate(marks[2]!);
      out.untouched = untouched;
    }
  }
  throw new WalkStop(`no memory pool follows the one ending at ${hexAddress(end)} before the tail ${hexAddress(tail)}`, true);
}

/**
 * Walks one pool's blocks from `p` to its zero-size end block, which is `tail` or, for a pool
 * another one follows, the last 4 bytes of a page (pools end where memory ended when they were
 * added); returns the end block's address.
 */
function walkPool(w: Words, p: number, tail: number, out: HeapWalk): number {
  let leftFree = false;
  for (;;) {
    const info = w.u32(p, 'block header', true);
    const size = info & ~3;
    if (((info & LEFTFREE) !== 0) !== leftFree) {
      throw new WalkStop(`block at ${hexAddress(p)} says its left neighbour is ${info & LEFTFREE ? 'free' : 'in use'}, but it is ${leftFree ? 'free' : 'in use'}`, true);
    }
    if (size === 0) {
      if (p !== tail && (info & FREE || (p + 4) % WASM_PAGE !== 0)) {
        throw new WalkStop(`block at ${hexAddress(p)} has mmInfo ${hexAddress(info)}: size 0, but it is neither the tail ${hexAddress(tail)} nor a pool's end at a page's end`, true);
      }
      out.headers.push(p, 4);
      return p;
    }
    if ((size + 4) % 16 !== 0 || p + 4 + size > tail) {
      throw new WalkStop(`block at ${hexAddress(p)} has mmInfo ${hexAddress(info)}: size ${size} does not end on a 16-byte boundary before the tail ${hexAddress(tail)}`, true);
    }
    if (info & FREE) {
      out.free.push(p + 4, size);
      out.headers.push(p, 4); // a free block's header is 4 bytes, not an object's 20
      if (p + 4 + size === tail) out.untouched = [p + 4, tail];
    } else {
      const rtSize = w.u32(p + 16, 'object rtSize', true);
      if (size < 16 || rtSize > size - 16) throw new WalkStop(`object at ${hexAddress(p + OBJECT_HEADER)} says it holds ${rtSize} bytes but its block has ${size - 16}`, true);
      out.used.push(p + OBJECT_HEADER, rtSize);
    }
    leftFree = (info & FREE) !== 0;
    p += 4 + size;
  }
}
