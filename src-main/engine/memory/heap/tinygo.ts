// Walks TinyGo's conservative GC heap (runtime/gc_blocks.go). The heap is heapStart..heapEnd;
// its last part holds the block states, 2 bits per 16-byte block (4 per byte, low bits first):
//
//   heapStart                 metadataStart                  heapEnd
//   | block 0 | block 1 | ... | states: b0 b1 b2 b3 | b4 ... |
//   metadataSize = (heapEnd - heapStart + 64) / 65,  metadataStart = heapEnd - metadataSize
//   numBlocks (endBlock) = (metadataStart - heapStart) / 16
//   state 0 free, 1 head (an object starts), 2 tail (continues the object), 3 marked head
//
// heapStart is a link-time constant (__heap_base, rarely exported) and heapEnd, metadataStart
// and endBlock are Go variables in .bss, so the walker finds them by their relation: a word
// heapEnd (a page multiple), a word metadataStart and a word endBlock that agree on one
// 16-aligned heapStart past static data. An object's usable size is its blocks × 16, less the
// 16-byte layout word in front of it under the precise GC (TinyGo 0.34+ on wasm).

import { emptyWalk } from './dlmalloc.ts';
import { WalkStop, type HeapFacts, type HeapWalk } from './types.ts';
import { Words } from './words.ts';
import { hexAddress } from '../../../shared/hex.ts';
import { WASM_PAGE } from '../../../shared/dto.ts';

const BLOCK = 16;
const NEAR = 512;

interface GcVars {
  at: number;
  heapStart: number;
  metadataStart: number;
  heapEnd: number;
  blocks: number;
}

export function walkTinygo(bytes: Uint8Array, facts: HeapFacts, hint?: number): HeapWalk {
  const w = Words.of(bytes);
  const result: HeapWalk = { ...emptyWalk(), walker: 'tinygo', headerBefore: facts.objectOffset ?? 0, freeHeaderBefore: 0 };
  const vars = (hint !== undefined ? varsAt(w, hint, facts) : null) ?? findVars(w, facts);
  if (!vars) return { ...result, status: 'not-recognised', reason: 'no TinyGo heap variables (heapEnd, metadataStart, endBlock) found in static data' };
  result.hint = vars.at;
  try {
    walkBlocks(bytes, vars, facts.objectOffset ?? 0, result);
  } catch (error) {
    if (!(error instanceof WalkStop)) throw error;
    return { ...result, status: 'corrupt', reason: error.message };
  }
  result.headers.push(vars.metadataStart, vars.heapEnd - vars.metadataStart);
  result.extent = [vars.heapStart, vars.heapEnd];
  result.status = 'ok';
  return result;
}

function walkBlocks(bytes: Uint8Array, v: GcVars, offset: number, out: HeapWalk): void {
  let start = -1;
  let freeStart = -1;
  const close = (b: number): void => {
    if (start >= 0) out.used.push(v.heapStart + start * BLOCK + offset, (b - start) * BLOCK - offset);
    if (freeStart >= 0) out.free.push(v.heapStart + freeStart * BLOCK, (b - freeStart) * BLOCK);
    start = -1;
    freeStart = -1;
  };
  for (let b = 0; b < v.blocks; b++) {
    const state = (bytes[v.metadataStart + (b >> 2)]! >> ((b & 3) * 2)) & 3;
    if (state === 2) {
      if (start < 0) throw new WalkStop(`block ${b} at ${hexAddress(v.heapStart + b * BLOCK)} is a tail without a head`, true);
      continue;
    }
    if (state === 0 && freeStart >= 0) continue;
    close(b);
    if (state === 0) freeStart = b;
    else start = b;
  }
  const lastFree = freeStart;
  close(v.blocks);
  if (lastFree >= 0) out.untouched = [v.heapStart + lastFree * BLOCK, v.metadataStart];
}

/** Looks for heapEnd words in static data, then for metadataStart and endBlock near them. */
function findVars(w: Words, facts: HeapFacts): GcVars | null {
  const from = (facts.dataStart ?? 0) & ~3;
  const to = Math.min(w.size, (facts.heapBase ?? (facts.dataEnd ?? 0) + WASM_PAGE)) & ~3;
  for (let at = from; at + 4 <= to; at += 4) {
    const found = varsAt(w, at, facts);
    if (found) return found;
  }
  return null;
}

/** Reads `at` as heapEnd and checks for a matching metadataStart and endBlock close by. */
function varsAt(w: Words, at: number, facts: HeapFacts): GcVars | null {
  if (at < 0 || at + 4 > w.size) return null;
  const heapEnd = w.at(at);
  const floor = facts.dataEnd ?? 0;
  if (heapEnd === 0 || heapEnd % WASM_PAGE !== 0 || heapEnd > w.size || heapEnd <= floor) return null;
  const lo = Math.max(0, at - NEAR);
  const hi = Math.min(w.size - 4, at + NEAR);
  for (let m = lo; m <= hi; m += 4) {
    const metadataStart = w.at(m);
    if (metadataStart <= floor || metadataStart >= heapEnd) continue;
    const span = 65 * (heapEnd - metadataStart);
    for (let heapStart = (heapEnd - span + 15) & ~15; heapStart <= heapEnd - span + 64; heapStart += 16) {
      if (heapStart < floor || heapStart >= metadataStart) continue;
      if (Math.floor((heapEnd - heapStart + 64) / 65) !== heapEnd - metadataStart) continue;
      const blocks = Math.floor((metadataStart - heapStart) / BLOCK);
      if (facts.heapBase !== null && heapStart !== ((facts.heapBase + 15) & ~15)) continue;
      for (let e = lo; e <= hi; e += 4) {
        if (w.at(e) === blocks && e !== m && e !== at) return { at, heapStart, metadataStart, heapEnd, blocks };
      }
    }
  }
  return null;
}
