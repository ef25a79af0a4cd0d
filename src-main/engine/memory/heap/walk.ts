// Runs the walker the module's facts name over a memory image: one entry point for the worker,
// the CLI and the tests. A module without a known allocator gets a not-recognised walk.

import { C_STATE, C_STATE_LOCKED, emptyWalk, RUST_STATE, walkDlmalloc, type StateLayout } from './dlmalloc.ts';
import { walkEmmalloc } from './emmalloc.ts';
import { walkTinygo } from './tinygo.ts';
import { walkTlsf } from './tlsf.ts';
import type { HeapFacts, HeapWalk, Resume } from './types.ts';

/**
 * `resume` (the previous walk and the lowest address changed since) lets the dlmalloc walker
 * reread only the chunks from there on; the other walkers read the whole heap every time.
 */
export function walkHeap(bytes: Uint8Array, facts: HeapFacts, hint?: number, resume?: Resume): HeapWalk {
  if (facts.walker === 'dlmalloc') {
    const walk = walkDlmalloc(bytes, facts, dlmallocState(facts), hint, resume);
    if (walk.status === 'not-recognised' && facts.byShape) walk.reason = `${walk.reason}; ${facts.reason}`;
    if (walk.status !== 'not-recognised' || !facts.orEmmalloc) return walk;
    // Emscripten without names (HeapFacts.orEmmalloc): emmalloc's heap, when that is what it
    // is, answers for itself (walker 'emmalloc'; the heap tracker then keeps to it).
    const other = walkEmmalloc(bytes, facts);
    if (other.status !== 'ok') return walk;
    other.visited = other.used.count + other.free.count;
    return other;
  }
  const walk = walkOther(bytes, facts, hint);
  walk.visited = walk.used.count + walk.free.count;
  return walk;
}

function walkOther(bytes: Uint8Array, facts: HeapFacts, hint?: number): HeapWalk {
  switch (facts.walker) {
    case 'dlmalloc':
      return walkDlmalloc(bytes, facts, dlmallocState(facts), hint);
    case 'emmalloc':
      return walkEmmalloc(bytes, facts);
    case 'tlsf':
      return walkTlsf(bytes, facts);
    case 'tinygo':
      return walkTinygo(bytes, facts, hint);
    case null:
      return { ...emptyWalk(), walker: null, status: 'not-recognised', reason: facts.reason ?? 'no heap walker for this module' };
  }
}

/** Where the module's dlmalloc keeps its state's fields (dlmalloc.ts). */
function dlmallocState(facts: HeapFacts): StateLayout {
  return facts.rustCrate ? RUST_STATE : facts.locked ? C_STATE_LOCKED : C_STATE;
}

/**
 * How the next walk may resume from `prev`, given the byte ranges changed since (sorted, as a
 * change capture lists them); undefined when it must read everything (memory grew, or `prev`
 * found no heap). Changes below the heap (the allocator's state in static data) move no chunk.
 */
export function resumeAfter(prev: HeapWalk, changes: { ranges: [number, number][]; grew?: unknown }): Resume | undefined {
  if (changes.grew || !prev.extent) return undefined;
  const heapStart = prev.extent[0];
  const first = changes.ranges.find(([, end]) => end > heapStart);
  return { prev, changedFrom: first ? Math.max(first[0], heapStart) : Infinity };
}
