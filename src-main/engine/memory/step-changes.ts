// What each step changed (its byte ranges, how many bytes, growth), kept by the step history
// for page maps, in flat typed arrays: as an object and two nested arrays per step it cost a
// tiny step ~150 bytes of collected heap, more than the step's record serialized.

import type { Growth } from './types.ts';

/** What a step changed, without the block copies. */
export interface StepChanges {
  ranges: [number, number][];
  changedBytes: number;
  /** `ranges` are runs of changed blocks, not exact bytes (MemoryDelta.coarse). */
  coarse?: true;
  grew?: Growth;
}

/**
 * Steps 0, 1, 2… in order. Layout:
 *
 *   bounds:     [start, end - 1] [start, end - 1] ...   every step's ranges back to back (u32:
 *                                                     end - 1, since a 4 GiB memory's last
 *                                                     range ends at 2^32)
 *   firstRange: step s's ranges are bounds pairs firstRange[s] .. firstRange[s + 1] - 1
 *   changed:    step s's changedBytes (f64: up to 2^32)
 *
 * Growth and coarse ranges are rare, so they are kept by step number.
 */
export class StepChangeLog {
  private bounds = new Uint32Array(256);
  private firstRange = new Uint32Array(256);
  private changed = new Float64Array(128);
  private steps = 0;
  private pairs = 0;
  private readonly grew = new Map<number, Growth>();
  private readonly coarse = new Set<number>();

  get length(): number {
    return this.steps;
  }

  /** Appends the next step's changes. */
  push(changes: StepChanges): void {
    const step = this.steps;
    const { ranges } = changes;
    this.bounds = room(this.bounds, (this.pairs + ranges.length) * 2);
    for (const [start, end] of ranges) {
      this.bounds[this.pairs * 2] = start;
      this.bounds[this.pairs * 2 + 1] = end - 1;
      this.pairs++;
    }
    this.firstRange = room(this.firstRange, step + 2);
    this.firstRange[step + 1] = this.pairs;
    this.changed = room(this.changed, step + 1);
    this.changed[step] = changes.changedBytes;
    if (changes.grew !== undefined) this.grew.set(step, changes.grew);
    if (changes.coarse) this.coarse.add(step);
    this.steps++;
  }

  /** Step `step`'s changes, as a fresh object (0 <= step < length). */
  at(step: number): StepChanges {
    const ranges: [number, number][] = [];
    for (let k = this.firstRange[step]; k < this.firstRange[step + 1]; k++) {
      ranges.push([this.bounds[k * 2], this.bounds[k * 2 + 1] + 1]);
    }
    const out: StepChanges = { ranges, changedBytes: this.changed[step] };
    const grew = this.grew.get(step);
    if (grew !== undefined) out.grew = grew;
    if (this.coarse.has(step)) out.coarse = true;
    return out;
  }
}

/** `array`, or a copy half again as long as `needed` when it is shorter than that. */
function room<T extends Uint32Array | Float64Array>(array: T, needed: number): T {
  if (needed <= array.length) return array;
  const next = new (array.constructor as new (length: number) => T)(Math.ceil(needed * 1.5));
  next.set(array);
  return next;
}
