// Walks a dlmalloc heap (Doug Lea's malloc 2.8.6 as built into wasi-libc and Emscripten, and
// the Rust `dlmalloc` crate's port that std uses on wasm32-unknown-unknown), from its chunk
// headers, checked against the allocator's own state (its malloc_state, found in static data).
//
// A chunk on wasm32 (size_t = 4), p = chunk address, mem = p + 8 is what malloc returns:
//
//   p+0  prev_foot   size of the previous chunk, only meaningful when that one is free
//                    (when it is in use, these 4 bytes are the end of its payload)
//   p+4  head        size | FLAG4 (4) | CINUSE (2, this chunk in use) | PINUSE (1, previous in use)
//   p+8  payload     in use: size - 4 usable bytes (running into the next chunk's prev_foot)
//                    free:   fd, bk (list links) ... and the size again in the next prev_foot
//
// Chunk sizes are multiples of MALLOC_ALIGNMENT (16 in wasi-libc, 8 in Emscripten and Rust),
// at least 16. Every segment ends with the `top` chunk (never-used space, head = size | PINUSE)
// and a footer of TOP_FOOT_SIZE bytes (56 for alignment 16, 40 for 8) holding a fencepost.
//
// The state (one static `malloc_state` / `Dlmalloc` struct) is found by its shape: a segment
// {base, size, next} whose last chunk is `top`, `topsize` matching top's head, and a footer of
// the right size. Field offsets differ: C's struct vs the Rust port's declaration order.
//
//   C malloc_state   topsize @12, least_addr @16, dv @20, top @24, seg {base, size, next} @448
//                    (@472 built with USE_LOCKS, as Emscripten's -pthread: mutex @448, 24 bytes)
//   Rust Dlmalloc    topsize @404, dv @408, top @412, seg {base, size, next} @424, least_addr @444
//
// A free chunk other than top and dv (the "designated victim", the remainder malloc splits next)
// is on a list: chunks under 256 bytes in a small bin, a circular list through fd and bk whose
// head is in the state (before seg); larger ones in a tree of bins, where a chunk alone with its
// size links to itself and has a parent, and further chunks of that size hang in a circular list
// from it with parent 0. C's dlmalloc checks a free and ignores one of a chunk it sees free (the
// heap is unchanged: a double free there leaves nothing to see), but the Rust crate's release
// build does not: the chunk is linked in again, and the walk lists it as freed twice
// (linked-twice.ts): a small chunk linking to itself, a large one linking to itself with parent
// 0, or one two fd links lead to.

import { BlockList } from './block-list.ts';
import { linksBack, reachedTwice, type ListShape } from './linked-twice.ts';
import { WalkStop, type HeapFacts, type HeapWalk, type Resume } from './types.ts';
import { Words } from './words.ts';
import { hexAddress } from '../../../shared/hex.ts';

export interface StateLayout {
  name: string;
  topsize: number;
  top: number;
  leastAddr: number;
  dv: number;
  seg: number;
  /** Where the struct ends (after seg: C's extp and exts; Rust's trim_check, least_addr, release_checks). */
  end: number;
}

export const C_STATE: StateLayout = { name: 'malloc_state', topsize: 12, top: 24, leastAddr: 16, dv: 20, seg: 448, end: 472 };
export const C_STATE_LOCKED: StateLayout = { ...C_STATE, name: 'malloc_state (with its lock)', seg: 472, end: 496 };
export const RUST_STATE: StateLayout = { name: 'Dlmalloc', topsize: 404, top: 412, leastAddr: 444, dv: 408, seg: 424, end: 452 };

const PINUSE = 1;
const CINUSE = 2;
const FENCEPOST = 7; // INUSE bits | SIZE_T_SIZE
const MIN_CHUNK = 16;
/** Chunks this size and larger are kept in the tree bins (MIN_LARGE_SIZE). */
const MIN_LARGE = 256;
/** Where a tree chunk keeps its parent (prev_foot, head, fd, bk, child[2], parent). */
const PARENT = 24;
const MAX_SEGMENTS = 64;
/** How far above a stack-first module's stack .bss is searched for the state (wasi-libc's is ~1 KiB in). */
const STACK_FIRST_BSS = 64 * 1024;
/** TOP_FOOT_SIZE → MALLOC_ALIGNMENT (the footer size gives the alignment away). */
const FOOT_TO_ALIGN = new Map([[56, 16], [40, 8]]);

interface State {
  at: number;
  /** Where the state's fields end before its segment record: the bins (list heads) are below. */
  binsEnd: number;
  dv: number;
  top: number;
  topsize: number;
  align: number;
  segments: [number, number][];
  /**
   * Payload addresses of the segment records dlmalloc keeps in its own heap: when sbrk returns
   * memory not adjacent to the last segment (someone else grew memory in between), add_segment
   * pushes the old record into an in-use chunk at the end of the old segment, and the chain's
   * `next` words point to those payloads. They are bookkeeping, not blocks anyone malloc'd.
   */
  records: number[];
}

export function walkDlmalloc(bytes: Uint8Array, facts: HeapFacts, layout: StateLayout, hint?: number, resume?: Resume): HeapWalk {
  const w = Words.of(bytes);
  const result = emptyWalk();
  const at = hint ?? facts.stateAt;
  let state = at !== undefined ? readState(w, at, layout) : null;
  // A state an earlier walk found (hint) that reads no more was broken (a free that trapped
  // halfway, a stray write), not never set up: "nothing allocated yet" would free every block.
  const mayBeUnset = hint === undefined;
  // The C allocators take their first memory at __heap_base, so untouched bytes there mean no
  // state to look for yet: skip the search (up to the whole stack region) on every step until
  // the first malloc. Rust's port starts at the end of memory instead, and its search is short.
  // Without __heap_base (clang-22 puts the stack first and wasm-opt drops the names) the state
  // says so itself where DWARF names it (HeapFacts.stateAt): dlmalloc's is_initialized is top != 0.
  if (!state && mayBeUnset && layout !== RUST_STATE && (heapUntouched(w, facts) || stateUnset(w, facts, layout))) return notSetUp(result);
  state ??= findState(w, facts, layout);
  if (!state) {
    if (mayBeUnset && (heapUntouched(w, facts) || stateUnset(w, facts, layout))) return notSetUp(result);
    return { ...result, status: 'not-recognised', reason: `no dlmalloc ${layout.name} found in static data (looked for a segment ending in a top chunk and a ${[...FOOT_TO_ALIGN.keys()].join(' or ')}-byte footer)` };
  }
  result.hint = state.at;
  result.state = [state.at, state.at + layout.end];
  try {
    const from = resume ? keepUnchanged(resume, state, result) : null;
    if (from) walkSegment(w, state, from.base, from.end, result, from.p, from.prevInUse);
    else for (const [base, size] of state.segments) walkSegment(w, state, base, base + size, result);
  } catch (error) {
    if (!(error instanceof WalkStop)) throw error;
    return { ...result, status: 'corrupt', reason: error.message };
  }
  addFreedTwice(w, state, result);
  result.extent = extentOf(state.segments);
  if (state.segments.length > 1) addGaps(state.segments, result);
  result.status = 'ok';
  return result;
}

/**
 * `result` as the walk of a heap dlmalloc has not set up yet. A function, not a closure in
 * walkDlmalloc: that ran after every call step, and made the closure (and this copy) each time.
 */
function notSetUp(result: HeapWalk): HeapWalk {
  return { ...result, status: 'empty', reason: 'nothing allocated yet: dlmalloc sets up its state on the first malloc' };
}

/** [lowest base, highest end] of the segments (sorted by base, at least one), without temporary arrays. */
function extentOf(segments: [number, number][]): [number, number] {
  let end = 0;
  for (const [base, size] of segments) end = Math.max(end, base + size);
  return [segments[0]![0], end];
}

/** The memory between segments (sorted by base) that no segment covers: HeapWalk.gaps. */
function addGaps(segments: [number, number][], out: HeapWalk): void {
  let end = segments[0]![0];
  for (const [base, size] of segments) {
    if (base > end) (out.gaps ??= []).push([end, base]);
    end = Math.max(end, base + size);
  }
}

export function emptyWalk(): HeapWalk {
  return {
    status: 'ok', walker: 'dlmalloc', used: new BlockList(), free: new BlockList(), headers: new BlockList(),
    headerBefore: 4, freeHeaderBefore: 4, extent: null, untouched: null, visited: 0,
  };
}

/**
 * Resuming (one segment only, the usual case): chunks are contiguous and each one's size and
 * in-use bit are in its own head word, so every chunk of the previous walk whose header
 * [p, p + 8) lies below the lowest changed byte, and below top (old and new), is still there
 * unchanged. Those stay in `out` (the previous walk's lists, cut after them) and the walk goes
 * on from the chunk after them. A step that mallocs from top changes only top's neighbourhood,
 * so it reads a couple of chunks, not the heap. Null when the walk must start at the base.
 */
function keepUnchanged(resume: Resume, s: State, out: HeapWalk): { base: number; end: number; p: number; prevInUse: boolean } | null {
  const prev = resume.prev;
  if (prev.status !== 'ok' || prev.walker !== 'dlmalloc' || s.segments.length !== 1 || !prev.extent || !prev.untouched) return null;
  const [base, size] = s.segments[0]!;
  if (prev.extent[0] !== base) return null;
  const prevTop = prev.untouched[0] - 8;
  // A chunk at p is kept when p + 8 <= changedFrom and p < both tops; its payload is p + 8.
  const limit = Math.min(resume.changedFrom, prevTop + 7, s.top + 7);
  const used = prev.used.countAtMost(limit);
  const free = prev.free.countAtMost(limit);
  if (used + free === 0) return null;
  const lastUsed = used > 0 ? prev.used.address(used - 1) : -1;
  const lastFree = free > 0 ? prev.free.address(free - 1) : -1;
  const inUse = lastUsed > lastFree;
  // A used chunk's payload is size - 4 bytes, a free one's size - 8 (see the layout above).
  const p = inUse ? lastUsed - 8 + prev.used.size(used - 1) + 4 : lastFree - 8 + prev.free.size(free - 1) + 8;
  out.kept = { count: used, before: prev.used.slice(used) };
  out.used = prev.used;
  out.free = prev.free;
  out.headers = prev.headers;
  out.used.truncate(used);
  out.free.truncate(free);
  out.headers.truncate(prev.headers.countAtMost(p - 1));
  return { base, end: base + size, p, prevInUse: inUse };
}

function walkSegment(w: Words, s: State, base: number, end: number, out: HeapWalk, from?: number, fromPrevInUse = true): void {
  let p = from ?? base + alignOffset(base + 8, s.align);
  let prevInUse = fromPrevInUse;
  const holdsTop = s.top >= base && s.top < end;
  while (p < end) {
    if (p === s.top) {
      out.headers.push(p + 4, 4);
      out.untouched = [p + 8, p + s.topsize];
      out.headers.push(p + s.topsize, end - (p + s.topsize)); // the footer with the fencepost
      return;
    }
    const head = w.u32(p + 4, 'chunk head', true);
    out.visited++;
    if (!holdsTop && head === FENCEPOST) return;
    const size = head & ~7;
    if (size < MIN_CHUNK || size % s.align !== 0 || p + size > end) {
      throw new WalkStop(`chunk at ${hexAddress(p)} has head ${hexAddress(head)}: size ${size} is not a multiple of ${s.align} inside the segment ending at ${hexAddress(end)}`, true);
    }
    if (((head & PINUSE) !== 0) !== prevInUse) {
      throw new WalkStop(`chunk at ${hexAddress(p)} says the previous chunk is ${head & PINUSE ? 'in use' : 'free'}, but it is ${prevInUse ? 'in use' : 'free'}`, true);
    }
    const inUse = (head & CINUSE) !== 0;
    if (!prevInUse) out.headers.push(p, 4); // prev_foot holds the free neighbour's size
    if (inUse && s.records.length !== 0 && s.records.includes(p + 8)) out.headers.push(p + 4, size); // a segment record (State.records)
    else if (inUse) out.used.push(p + 8, size - 4);
    else out.free.push(p + 8, size - 8);
    prevInUse = inUse;
    p += size;
  }
  if (holdsTop) throw new WalkStop(`chunks of the segment at ${hexAddress(base)} run past top ${hexAddress(s.top)} without reaching it`, true);
}

/**
 * Free chunks on their lists twice (the opening comment), listed in `freedTwice` by payload
 * address. Every step reads each free chunk's links (two or three words), not only the chunks
 * the walk read again: a double free rewrites links, not heads.
 */
function addFreedTwice(w: Words, s: State, out: HeapWalk): void {
  const free = out.free;
  const shape: ListShape = {
    next: 8, prev: 12,
    isNode: (p) => p !== s.dv && free.indexOf(p + 8) >= 0,
    isHead: (p) => p >= s.at && p + 16 <= s.binsEnd,
  };
  let twice: number[] | null = null;
  let linkedBack = true;
  for (let i = 0; i < free.count; i++) {
    const p = free.address(i) - 8;
    if (p === s.dv) continue; // its links are stale: it is on no list
    const fd = w.at(p + 8);
    const self = free.size(i) + 8 < MIN_LARGE ? fd === p || w.at(p + 12) === p : fd === p && w.at(p + PARENT) === 0;
    if (self) (twice ??= []).push(p);
    else if (linkedBack && !linksBack(w, p, shape)) linkedBack = false;
  }
  if (!linkedBack) {
    const chunks: number[] = [];
    for (let i = 0; i < free.count; i++) if (free.address(i) - 8 !== s.dv) chunks.push(free.address(i) - 8);
    (twice ??= []).push(...reachedTwice(w, chunks, shape));
  }
  if (twice) out.freedTwice = [...new Set(twice)].sort((a, b) => a - b).map((p) => p + 8);
}

/** The state at `at` when it has the shape of a live dlmalloc state, else null. */
function readState(w: Words, at: number, layout: StateLayout): State | null {
  if (at < 0 || at + layout.seg + 12 > w.size) return null;
  const base = w.at(at + layout.seg);
  const top = w.at(at + layout.top);
  if (base === 0 || top < base) return null;
  const topsize = w.at(at + layout.topsize);
  const least = w.at(at + layout.leastAddr);
  if (least === 0 || least > base || top + topsize + 8 > w.size || top + 8 > w.size) return null;
  if (w.at(top + 4) !== (topsize | PINUSE)) return null;
  const segments: [number, number][] = [];
  const records: number[] = [];
  let seg = at + layout.seg;
  let align = 0;
  for (let i = 0; seg !== 0 && i < MAX_SEGMENTS; i++) {
    if (seg + 12 > w.size) return null;
    const sBase = w.at(seg);
    const sSize = w.at(seg + 4);
    if (sBase === 0 || sBase + sSize > w.size) return null;
    segments.push([sBase, sSize]);
    if (top >= sBase && top < sBase + sSize) align = FOOT_TO_ALIGN.get(sBase + sSize - (top + topsize)) ?? 0;
    seg = w.at(seg + 8);
    if (seg !== 0) records.push(seg);
  }
  if (align === 0) return null;
  segments.sort((a, b) => a[0] - b[0]);
  return { at, binsEnd: at + layout.seg, dv: w.at(at + layout.dv), top, topsize, align, segments, records };
}

/**
 * Searches static data for the state: first just past the last data segment (where .bss
 * starts, and the state usually is), then the rest below the heap.
 */
function findState(w: Words, facts: HeapFacts, layout: StateLayout): State | null {
  const start = facts.dataStart ?? 0;
  const mid = (facts.dataEnd ?? start) & ~3;
  const end = Math.min(facts.heapBase ?? w.size, w.size);
  const ranges: [number, number][] = [[mid, end], [start & ~3, mid]];
  // No data segments, so no telling the layout apart: wasm-ld 22 (unlike 19) puts the stack
  // first by default, and then .bss (the state) starts where the stack pointer does, not below it.
  const sp = facts.stackPointer?.initial;
  if (facts.dataStart === null && sp !== undefined) ranges.push([sp & ~3, Math.min(w.size, sp + STACK_FIRST_BSS)]);
  for (const [from, to] of ranges) {
    for (let at = from; at + layout.seg + 12 <= to; at += 4) {
      const found = readState(w, at, layout);
      if (found) return found;
    }
  }
  return null;
}

/** True when the heap has not been set up: its first bytes are zero or beyond memory. */
function heapUntouched(w: Words, facts: HeapFacts): boolean {
  const base = facts.heapBase;
  if (base === null) return false;
  for (let a = base & ~3; a < base + 64; a += 4) {
    if (a + 4 > w.size) return true;
    if (w.at(a) !== 0) return false;
  }
  return true;
}

/** True when the state DWARF names (HeapFacts.stateAt) is there and dlmalloc has not set it up (top 0). */
function stateUnset(w: Words, facts: HeapFacts, layout: StateLayout): boolean {
  const at = facts.stateAt;
  return at !== undefined && at + layout.end <= w.size && w.at(at + layout.top) === 0 && w.at(at + layout.seg) === 0;
}

function alignOffset(address: number, align: number): number {
  const rest = address & (align - 1);
  return rest === 0 ? 0 : align - rest;
}
