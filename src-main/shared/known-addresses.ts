// Which numbers in a call log are addresses: those the reader has been shown by that step, so
// `memscope run`, the app's call log and Explain print them in hex, as the memory view, the
// regions and the heap write addresses (`free(0x10620)`, the grid's 0x10620, `a = 67104
// (0x10620)`), and leave every other i32 in decimal (a length, a count, an error code).
//
// Shown by step s: inside a region made at or before s (freed or not: a freed block's address is
// still an address), or inside a block the guest's allocator handed out at or before s (the heap
// tracker's `allocated`, also the blocks the guest allocated for itself: a linked list's nodes).
//
// Kept by 4 KiB page of the address space, taken in as steps and regions arrive: a question costs
// a map lookup, not a pass over every region and block of a 10,000-step run.

import type { Region, StepRecord } from './dto.ts';
import type { KnownAddress } from './value-format.ts';

const PAGE_SHIFT = 12;

type StepHeap = Pick<StepRecord, 'index' | 'heap'>;

export class KnownAddresses {
  /** By page: [start, end, since step] triples of what covers part of it. */
  private pages = new Map<number, number[]>();
  /** How many of a step list and a region list are taken in, and the last of each (update). */
  private stepsIn = 0;
  private lastStep: StepHeap | null = null;
  private regionsIn = 0;
  private lastRegion: Region | null = null;
  /** The newest step taken in (or anything known from); and that as the update under way began. */
  private newest = -1;
  private settled = -1;
  /**
   * Counts updates that changed an answer about a step taken in before (a region made at step
   * 3 that arrives after step 3's record, as in a run, or a fresh start): what was drawn from
   * the old answers must be drawn again. A step's own blocks and regions, arriving with it, do
   * not: a call log redraws its old rows only when this moves.
   */
  revision = 0;

  /**
   * Takes in the steps and regions not taken in yet (the app's call log, over the session's
   * lists). Both only grow while a run goes on; a list that shrank or whose last known entry is
   * another one now (a Reset, a step back) starts the whole over. Regions are compared by
   * content: each delta brings its own copies.
   */
  update(steps: readonly StepHeap[], regions: readonly Region[]): this {
    const lastRegion = this.regionsIn > 0 ? regions[this.regionsIn - 1] : undefined;
    const stale = steps.length < this.stepsIn || (this.stepsIn > 0 && steps[this.stepsIn - 1] !== this.lastStep)
      || regions.length < this.regionsIn || (lastRegion !== undefined && !sameRegion(lastRegion, this.lastRegion!));
    if (stale) {
      this.pages.clear();
      this.stepsIn = 0;
      this.regionsIn = 0;
      this.newest = -1;
      this.revision++;
    }
    this.settled = this.newest;
    while (this.stepsIn < steps.length) this.takeStep(steps[this.stepsIn]!);
    this.takeRegions(regions);
    return this;
  }

  /** `memscope run`'s way: each step as it comes, in order, with the session's regions so far. */
  next(step: StepHeap, regions: readonly Region[]): this {
    this.takeStep(step);
    this.takeRegions(regions);
    return this;
  }

  /** Whether an address (an i32 read unsigned) had been shown by `step`. */
  at(step: number): Exclude<KnownAddress, null> {
    return (address) => {
      const spans = this.pages.get(Math.floor(address / 2 ** PAGE_SHIFT));
      if (!spans) return false;
      for (let i = 0; i < spans.length; i += 3) if (spans[i + 2]! <= step && address >= spans[i]! && address < spans[i + 1]!) return true;
      return false;
    };
  }

  private takeStep(step: StepHeap): void {
    for (const b of step.heap?.allocated ?? []) this.add(b.address, b.size, step.index);
    this.newest = Math.max(this.newest, step.index);
    this.stepsIn++;
    this.lastStep = step;
  }

  private takeRegions(regions: readonly Region[]): void {
    for (; this.regionsIn < regions.length; this.regionsIn++) {
      const r = regions[this.regionsIn]!;
      this.add(r.start, r.size, r.createdStep);
    }
    this.lastRegion = regions.at(-1) ?? null;
  }

  /** [start, start + size) from step `since` on; a zero-size block or region at its start. */
  private add(start: number, size: number, since: number): void {
    if (since <= this.settled) this.revision++;
    this.newest = Math.max(this.newest, since);
    const end = start + Math.max(1, size);
    for (let page = Math.floor(start / 2 ** PAGE_SHIFT); page <= Math.floor((end - 1) / 2 ** PAGE_SHIFT); page++) {
      const spans = this.pages.get(page);
      if (spans) spans.push(start, end, since);
      else this.pages.set(page, [start, end, since]);
    }
  }
}

/** The same region: what a delta's copy keeps of it while the session goes on. */
function sameRegion(a: Region, b: Region): boolean {
  return a.id === b.id && a.start === b.start && a.size === b.size && a.createdStep === b.createdStep;
}
