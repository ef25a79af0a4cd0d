// Which numbers in a call log are addresses: those the reader has been shown by that step, so
// `memscope run`, the app's call log and Explain print them in hex, as the memory view, the
// regions and the heap write addresses (`free(0x10620)`, the grid's 0x10620, `a = 67104
// (0x10620)`), and leave every other i32 in decimal (a length, a count, an error code).
//
// Shown by step s: inside a region made at or before s (freed or not: a freed block's address is
// still an address), or inside a block the guest's allocator handed out at or before s (the heap
// tracker's `allocated`, also the blocks the guest allocated for itself: a linked list's nodes).

import type { Region, StepRecord } from './dto.ts';
import type { KnownAddress } from './value-format.ts';

export class KnownAddresses {
  /** Heap blocks as [start, end, step] triples, in the order their steps came. */
  private blocks: number[] = [];

  /** The addresses of the steps in `steps` (in order), for a call log drawn from them all. */
  static of(steps: readonly Pick<StepRecord, 'index' | 'heap'>[]): KnownAddresses {
    const known = new KnownAddresses();
    for (const step of steps) known.note(step);
    return known;
  }

  /** Takes in what a step allocated (call it for each step, in order, before asking about it). */
  note(step: Pick<StepRecord, 'index' | 'heap'>): void {
    for (const b of step.heap?.allocated ?? []) this.blocks.push(b.address, b.address + Math.max(1, b.size), step.index);
  }

  /** Whether an address (an i32 read unsigned) had been shown by `step`, given the session's regions. */
  at(regions: readonly Region[], step: number): Exclude<KnownAddress, null> {
    const blocks = this.blocks;
    return (address) => {
      for (const r of regions) if (r.createdStep <= step && address >= r.start && address < r.start + Math.max(1, r.size)) return true;
      for (let i = 0; i < blocks.length; i += 3) if (blocks[i + 2]! <= step && address >= blocks[i]! && address < blocks[i + 1]!) return true;
      return false;
    };
  }
}
