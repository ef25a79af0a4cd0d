// The memory map: linear memory cut into bands a person can name — static data (one band per
// data segment, with its name-section name), the rest of static data (.bss), the stack (and the
// part in use at the current stack pointer), the heap the allocator manages, and the
// never-used tail. Pure: module facts plus the live values of one moment.

import type { MemoryBand } from '../../../shared/dto.ts';
import type { HeapFacts, HeapWalk } from './types.ts';
import { hexAddress } from '../../../shared/hex.ts';

type BandKind = MemoryBand['kind'];

export interface MapMoment {
  memorySize: number;
  /** The stack pointer's value now (null when the module has none or it cannot be read). */
  stackPointer: number | null;
  walk: HeapWalk | null;
}

/** Bands in address order, non-overlapping, clipped to memory; gaps are left out. */
export function memoryMap(facts: HeapFacts, now: MapMoment): MemoryBand[] {
  const bands: MemoryBand[] = [];
  const add = (start: number, end: number, kind: BandKind, label: string): void => {
    const s = Math.max(0, start);
    const e = Math.min(end, now.memorySize);
    if (e > s) bands.push({ start: s, end: e, kind, label });
  };
  for (const seg of facts.segments) add(seg.start, seg.end, 'data', seg.name);
  const sp = facts.stackPointer;
  // Without data segments, .bss starts at the stack's start when the stack comes first (stackLow 0).
  const bssStart = facts.segments.length ? Math.max(...facts.segments.map((s) => s.end)) : sp && facts.stackLow === 0 ? sp.initial : null;
  if (bssStart !== null && facts.dataEnd !== null && facts.dataEnd > bssStart) {
    // Not exact: __data_end is not exported, and .bss is known only as far as DWARF names statics (heap-facts.ts).
    add(bssStart, facts.dataEnd, 'bss', `zero-initialised static data (.bss${facts.dataEndExact ? '' : ', as far as its DWARF statics reach'})`);
  }
  if (sp && facts.stackLow !== null) {
    const used = now.stackPointer !== null && now.stackPointer >= facts.stackLow && now.stackPointer < sp.initial ? now.stackPointer : sp.initial;
    // Stack first: nothing below the stack (stackLow 0, the heap not at its top); else .bss is
    // under it, of unknown size without __data_end (with no data segments, from stackLow 0 up).
    const stackFirst = facts.stackLow === 0 && facts.heapBase !== sp.initial;
    const below = facts.dataEndExact || stackFirst ? '' : '; .bss, of unknown size, sits at its low end';
    add(facts.stackLow, used, 'stack', `stack (free, grows down from ${hexAddress(sp.initial)}${below})`);
    add(used, sp.initial, 'stack-used', `stack in use (${sp.initial - used} bytes)`);
  }
  addHeap(facts, now, add);
  return bands.sort((a, b) => a.start - b.start);
}

function addHeap(facts: HeapFacts, now: MapMoment, add: (s: number, e: number, k: BandKind, l: string) => void): void {
  const base = facts.heapBase;
  const extent = now.walk?.status === 'ok' ? now.walk.extent : null;
  const untouched = now.walk?.status === 'ok' ? now.walk.untouched : null;
  const name = facts.allocator ?? 'heap';
  if (extent) {
    // Heap bands stop at the gaps between the allocator's segments or pools: that memory was
    // grown by someone else (the program itself) and the allocator hands none of it out.
    const gaps = now.walk?.gaps ?? [];
    const heap = (start: number, end: number, kind: BandKind, label: string): void => {
      let at = start;
      for (const [gapStart, gapEnd] of gaps) {
        if (gapEnd <= at || gapStart >= end) continue;
        add(at, gapStart, kind, label);
        at = Math.min(gapEnd, end);
      }
      add(at, end, kind, label);
    };
    // The allocator's state lies in static data: when it is above the heap's assumed start (a
    // stripped stack-first module: heap-facts took the stack pointer's start), so is the heap.
    const state = now.walk?.state;
    if (base !== null && state && state[0] >= base && state[1] <= extent[0]) add(base, extent[0], 'bss', 'zero-initialised static data (.bss: the allocator\'s state is in it, so the heap starts above it)');
    else if (base !== null && extent[0] > base) add(base, extent[0], 'unused', 'heap space the allocator has not claimed');
    for (const [gapStart, gapEnd] of gaps) add(gapStart, gapEnd, 'unused', `between the allocator's memory: grown by someone else, not managed by ${name}`);
    if (untouched) {
      heap(extent[0], untouched[0], 'heap', name);
      heap(untouched[0], untouched[1], 'heap-unused', `${name}: free, at the top of the heap (in no block now)`);
      heap(untouched[1], extent[1], 'heap', `${name} (bookkeeping)`);
    } else {
      heap(extent[0], extent[1], 'heap', name);
    }
    add(extent[1], now.memorySize, 'unused', 'not claimed by the allocator yet');
  } else if (base !== null) {
    add(base, now.memorySize, 'heap', now.walk?.status === 'empty' ? `${name}: nothing allocated yet` : name);
  }
}
