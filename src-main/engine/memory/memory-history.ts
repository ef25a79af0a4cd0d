// The memory image after every step, kept on the controlling side: only the blocks a step
// changed are stored, every other block is shared with earlier steps; a byte budget bounds it.

import type { MemscopeError, Result } from '../../shared/dto.ts';
import { formatSize } from '../../shared/byte-size.ts';
import { count } from '../../shared/count.ts';
export type { StepChanges } from './step-changes.ts';
import { narrowDiff, RangeBuilder } from './byte-ranges.ts';
import { PackStore, type Ref } from './history-packs.ts';
import { IntQueue } from './int-queue.ts';
import { StepChangeLog, type StepChanges } from './step-changes.ts';
import { BLOCK_SIZE, blockLength, WASM_PAGE } from './types.ts';
import type { MemoryBlock, MemoryDelta, PackedBlocks, SparseImage } from './types.ts';

/**
 * One block's contents over time: `data[k]` is the block from step `steps[k]` on, until
 * `steps[k + 1]`; null means all zero, undefined that the version was dropped for the budget.
 * Steps ascend. Before `steps[0]` the block was zero.
 */
interface BlockVersions {
  steps: number[];
  data: (Ref | null | undefined)[];
  /** How many of `data` are undefined (see compactDropped). */
  dropped: number;
}

/** A block's dropped versions are merged once there are this many and they are half its versions. */
const COMPACT_DROPPED_AT = 32;


export interface HistoryOptions {
  /** Bytes of block data kept before old blocks are deflated, then dropped. Default 256 MiB. */
  budgetBytes?: number;
  /** Receives buffers of committed deltas the history let go (see PackStore), for reuse. */
  recycle?: (buffer: ArrayBuffer) => void;
}

export const DEFAULT_HISTORY_BUDGET = 256 * 1024 * 1024;
/** The latest steps are always exact, whatever the budget. */
export const EXACT_RECENT_STEPS = 16;
/** A keyframe (a step kept exact however old) every this many steps, thinned past MAX_KEYFRAMES. */
const KEYFRAME_EVERY = 64;
const MAX_KEYFRAMES = 32;

/** Page map values: one byte per 64 KiB page. */
export const PAGE_ZERO = 0;
export const PAGE_DATA = 1;
export const PAGE_CHANGED = 2;

/**
 * Steps are numbered from 0; step -1 is the initial image (right after instantiation). A read at
 * step s sees the latest version of each block at or before s: a binary search per block, so
 * reads stay cheap however many steps ran, and a 4 GiB memory costs only its stored blocks.
 * Block copies handed to `reset`/`commit` are kept, not copied: callers must not modify them,
 * and their buffers may go to `recycle` once no longer held.
 *
 * Bounded: past the budget, old steps' blocks are deflated, then versions that later steps
 * superseded are dropped, oldest first. Dropping never touches the latest EXACT_RECENT_STEPS
 * steps, the initial image or a keyframe; every other step before `exactFrom` is then no longer
 * exact and reading it is an error value saying so, never silently wrong bytes.
 */
export class MemoryHistory {
  private blockSize = BLOCK_SIZE;
  private versions = new Map<number, BlockVersions>();
  private sortedKeys: number[] | null = [];
  /** sizes[s + 1] is the memory size after step s. */
  private sizes: number[] = [0];
  private changes = new StepChangeLog();
  private store: PackStore;
  private readonly budget: number;
  private readonly recycle: ((buffer: ArrayBuffer) => void) | undefined;
  /**
   * Versions a later step superseded, in the order they were (so by ascending end step):
   * block index, the version's own step, and the step that superseded it.
   */
  private superseded = new IntQueue();
  /** Superseded versions that cover a keyframe: dropped only if keyframes are thinned. */
  private pinned: number[] = [];
  /** Steps kept exact however old, ascending (-1, the initial image, always). */
  private keyframes: number[] = [-1];
  private keyframeEvery = KEYFRAME_EVERY;
  /** Every step below this that is not a keyframe may have lost blocks. */
  private exactFromStep = -1;

  constructor(initial?: SparseImage, options: HistoryOptions = {}) {
    this.budget = options.budgetBytes ?? DEFAULT_HISTORY_BUDGET;
    this.recycle = options.recycle;
    this.store = new PackStore(this.recycle);
    if (initial !== undefined) this.reset(initial);
  }

  /** The last committed step (-1 when only the initial image is held). */
  get lastStep(): number {
    return this.changes.length - 1;
  }

  /** Bytes of block data held (raw or deflated). */
  get retainedBytes(): number {
    return this.store.retained;
  }

  /** Block versions tracked, held or dropped: what the bookkeeping grows with (bounded, see compactDropped). */
  get versionCount(): number {
    let count = 0;
    for (const versions of this.versions.values()) count += versions.steps.length;
    return count;
  }

  /** Steps at or past this are exact; earlier ones only when isExact says so (keyframes). */
  get exactFrom(): number {
    return this.exactFromStep;
  }

  /** Forgets every step; `initial` becomes step -1. */
  reset(initial: SparseImage): void {
    this.blockSize = initial.blockSize;
    this.versions = new Map();
    this.sortedKeys = null;
    this.sizes = [initial.size];
    this.changes = new StepChangeLog();
    this.store = new PackStore(this.recycle);
    this.superseded = new IntQueue();
    this.pinned = [];
    this.keyframes = [-1];
    this.keyframeEvery = KEYFRAME_EVERY;
    this.exactFromStep = -1;
    this.storeBlocks(-1, packBlocks(initial.blocks), initial.size);
  }

  /** Records the memory after `step`, which must be the step after the last one committed. */
  commit(step: number, delta: MemoryDelta): void {
    if (step !== this.changes.length) {
      throw new RangeError(`history expects step ${this.changes.length}, got ${step}`);
    }
    if (delta.blockSize !== this.blockSize) {
      throw new RangeError(`delta block size ${delta.blockSize} differs from history's ${this.blockSize}`);
    }
    this.storeBlocks(step, delta.changed, delta.size);
    this.sizes.push(delta.size);
    this.changes.push(delta);
    if (step % this.keyframeEvery === 0 && step > 0) this.addKeyframe(step);
    // Small old packs are deflated in groups whatever the budget: many tiny steps must not
    // each keep a whole 4 KiB block.
    this.store.deflateOld(step - EXACT_RECENT_STEPS, 0);
    if (this.store.retained > this.budget) this.shrink();
  }

  /** A step number as a value: an error unless -1 <= step <= lastStep. */
  checkStep(step: number): Result<number> {
    if (Number.isInteger(step) && step >= -1 && step <= this.lastStep) return { ok: true, value: step };
    const ran = this.lastStep < 0 ? 'no step has run yet' : `steps 1..${this.lastStep + 1} ran`;
    const message = Number.isInteger(step) && step > this.lastStep
      ? `no memory recorded after step ${step + 1}: ${ran}`
      : `no step index ${step}: an index is a whole number from -1 (before the first step) to ${this.lastStep}; ${ran}`;
    return { ok: false, error: { code: 'usage', message } };
  }

  /** True when the memory after `step` is held exactly (see the class comment). */
  isExact(step: number): boolean {
    return step >= this.exactFromStep || binarySearch(this.keyframes, step) >= 0;
  }

  /** checkStep, and an error unless the memory after `step` is still held exactly. */
  checkExact(step: number): Result<number> {
    const checked = this.checkStep(step);
    if (!checked.ok || this.isExact(step)) return checked;
    const from = this.exactFromStep + 1;
    const last = this.lastStep + 1;
    const exact = [
      ...this.keyframes.filter((k) => k < this.exactFromStep).slice(-4).map(stepWords),
      from === last ? `after step ${last}` : `after steps ${from}..${last}`,
    ];
    return {
      ok: false,
      error: {
        code: 'usage',
        message: `the memory ${stepWords(step)} is no longer held exactly: the step history keeps ` +
          `${formatSize(this.budget)} (--history-mb) and dropped older blocks; it holds exactly the memory ${exact.join(', ')}`,
      },
    };
  }

  /** Memory size in bytes after `step`. Throws RangeError for a step that does not exist. */
  sizeAt(step: number = this.lastStep): number {
    return this.sizes[this.stepOrThrow(step) + 1];
  }

  /** A copy of [address, address + length) as it was after `step` (default: the last step). */
  read(address: number, length: number, step: number = this.lastStep): Result<Uint8Array> {
    const checked = this.checkExact(step);
    if (!checked.ok) return checked;
    const size = this.sizes[step + 1];
    if (!Number.isSafeInteger(address) || !Number.isSafeInteger(length) || address < 0 || length < 0 ||
      address + length > size) {
      return { ok: false, error: outOfBounds(address, length, size, step) };
    }
    const out = new Uint8Array(length);
    const bs = this.blockSize;
    for (let index = Math.floor(address / bs); index * bs < address + length; index++) {
      const data = this.blockAt(index, step);
      if (data === null) continue;
      const blockStart = index * bs;
      const from = Math.max(address, blockStart);
      const to = Math.min(address + length, blockStart + data.length);
      if (to > from) out.set(data.subarray(from - blockStart, to - blockStart), from - address);
    }
    return { ok: true, value: out };
  }

  /** What `step` changed. Step -1 changed nothing. */
  changesAt(step: number): StepChanges {
    if (this.stepOrThrow(step) === -1) return { ranges: [], changedBytes: 0 };
    return this.changes.at(step);
  }

  /** One byte per 64 KiB page: PAGE_ZERO, PAGE_DATA, or PAGE_CHANGED (changed by that step). */
  pageMap(step: number = this.lastStep): Uint8Array {
    const size = this.sizeAt(step);
    this.exactOrThrow(step);
    const map = new Uint8Array(Math.ceil(size / WASM_PAGE));
    for (const [index, versions] of this.versions) {
      if (versionAt(versions, step)) map[Math.floor((index * this.blockSize) / WASM_PAGE)] = PAGE_DATA;
    }
    for (const [start, end] of this.changesAt(step).ranges) {
      for (let page = Math.floor(start / WASM_PAGE); page <= Math.floor((end - 1) / WASM_PAGE); page++) {
        map[page] = PAGE_CHANGED;
      }
    }
    return map;
  }

  /** Exact byte ranges that differ between the memory after `stepA` and after `stepB`. */
  diff(stepA: number, stepB: number): [number, number][] {
    this.exactOrThrow(stepA);
    this.exactOrThrow(stepB);
    const out = new RangeBuilder();
    for (const index of this.keys()) {
      const versions = this.versions.get(index) as BlockVersions;
      const a = versionAt(versions, stepA) ?? null;
      const b = versionAt(versions, stepB) ?? null;
      if (a !== b) narrowDiff(this.bytesOf(a), this.bytesOf(b), index * this.blockSize, out);
    }
    return out.ranges;
  }

  /** The memory after `step` as a sparse image of its non-zero blocks (views: do not modify). */
  imageAt(step: number = this.lastStep): SparseImage {
    const size = this.sizeAt(step);
    this.exactOrThrow(step);
    const blocks: MemoryBlock[] = [];
    for (const index of this.keys()) {
      const ref = versionAt(this.versions.get(index) as BlockVersions, step);
      if (ref) blocks.push({ index, bytes: this.store.lend(ref) });
    }
    return { size, blockSize: this.blockSize, blocks };
  }

  private storeBlocks(step: number, blocks: PackedBlocks, size: number): void {
    const lengths = blocks.indices.map((index) => blockLength(index, this.blockSize, size));
    const refs = this.store.add(step, blocks.data, lengths);
    for (let k = 0; k < lengths.length; k++) {
      const index = blocks.indices[k];
      const data = refs[k];
      let versions = this.versions.get(index);
      if (versions === undefined) {
        if (data === null) continue;
        versions = { steps: [], data: [], dropped: 0 };
        this.versions.set(index, versions);
        this.sortedKeys = null;
      }
      const last = versions.steps.length - 1;
      if (last >= 0 && versions.data[last]) this.superseded.push(index, versions.steps[last], step);
      versions.steps.push(step);
      versions.data.push(data);
    }
  }

  /** Back under budget: deflate old packs, then drop superseded versions oldest first. */
  private shrink(): void {
    const settled = this.lastStep - EXACT_RECENT_STEPS;
    if (this.store.deflateOld(settled, this.budget)) return;
    const queue = this.superseded;
    let lastFrom = NaN;
    let lastTo = NaN;
    // Past the budget, versions of the same step superseded by the same step are dropped too:
    // dropping them makes no further step inexact (the first one set exactFrom), and it frees
    // their pack whole instead of compacting it piece by piece into fresh, smaller copies.
    while (queue.length > 0 && queue.at(2) <= settled + 1 &&
      (this.store.retainedCompacted > this.budget || (queue.at(1) === lastFrom && queue.at(2) === lastTo))) {
      const [index, from, to] = [queue.at(0), queue.at(1), queue.at(2)];
      queue.shift(3);
      [lastFrom, lastTo] = [from, to];
      if (this.coversKeyframe(from, to)) this.pinned.push(index, from, to);
      else this.drop(index, from, to);
    }
    this.store.compactReleased();
  }

  private drop(index: number, from: number, to: number): void {
    const versions = this.versions.get(index)!;
    const k = binarySearch(versions.steps, from);
    const ref = versions.data[k];
    if (!ref) return;
    versions.data[k] = undefined;
    this.store.release(ref);
    if (to > this.exactFromStep) this.exactFromStep = to;
    if (++versions.dropped >= COMPACT_DROPPED_AT && versions.dropped * 2 >= versions.steps.length) compactDropped(versions);
  }

  /** Adds a keyframe; past MAX_KEYFRAMES, every other one is let go and its pins released. */
  private addKeyframe(step: number): void {
    this.keyframes.push(step);
    if (this.keyframes.length <= MAX_KEYFRAMES) return;
    this.keyframeEvery *= 2;
    this.keyframes = this.keyframes.filter((k) => k === -1 || k % this.keyframeEvery === 0);
    const pins = this.pinned;
    const released: number[] = [];
    this.pinned = [];
    for (let i = 0; i < pins.length; i += 3) {
      const target = this.coversKeyframe(pins[i + 1], pins[i + 2]) ? this.pinned : released;
      target.push(pins[i], pins[i + 1], pins[i + 2]);
    }
    // Released pins ended before anything still queued: they go first.
    this.superseded.unshiftAll(released);
  }

  /** True when a keyframe K has from <= K < to. */
  private coversKeyframe(from: number, to: number): boolean {
    const at = binarySearch(this.keyframes, from);
    const next = at >= 0 ? at : ~at;
    return next < this.keyframes.length && this.keyframes[next] < to;
  }

  private blockAt(index: number, step: number): Uint8Array | null {
    const versions = this.versions.get(index);
    return versions === undefined ? null : this.bytesOf(versionAt(versions, step) ?? null);
  }

  private bytesOf(ref: Ref | null): Uint8Array | null {
    return ref === null ? null : this.store.bytes(ref);
  }

  private keys(): number[] {
    this.sortedKeys ??= [...this.versions.keys()].sort((a, b) => a - b);
    return this.sortedKeys;
  }

  private stepOrThrow(step: number): number {
    const checked = this.checkStep(step);
    if (!checked.ok) throw new RangeError(checked.error.message);
    return step;
  }

  private exactOrThrow(step: number): void {
    const checked = this.checkExact(step);
    if (!checked.ok) throw new RangeError(checked.error.message);
  }
}

/**
 * An image's blocks in the packed form: as they are when they already lie back to back in one
 * buffer (the worker's initial image does), else copied.
 */
function packBlocks(blocks: MemoryBlock[]): PackedBlocks {
  const indices = blocks.map((b) => b.index);
  if (blocks.length === 0) return { indices, data: new Uint8Array(0) };
  const first = blocks[0].bytes;
  let total = 0;
  let contiguous = true;
  for (const { bytes } of blocks) {
    contiguous &&= bytes.buffer === first.buffer && bytes.byteOffset === first.byteOffset + total;
    total += bytes.length;
  }
  if (contiguous) return { indices, data: new Uint8Array(first.buffer, first.byteOffset, total) };
  const data = new Uint8Array(total);
  let at = 0;
  for (const { bytes } of blocks) {
    data.set(bytes, at);
    at += bytes.length;
  }
  return { indices, data };
}

/**
 * Merges each run of dropped versions into its first. A block rewritten at every step gains a
 * version a step, and past the budget almost all of them are dropped: kept, their step numbers
 * and empty slots grew the history by ~6 KB for every 1 MiB step however long the run (a
 * 10,000-step run: ~60 MiB of bookkeeping for 256 MiB of data). Nothing reads differently: a
 * step inside a merged run resolved to a dropped version before and still does, and no exact
 * step lies inside a dropped version's span. Versions still held keep their steps, which
 * drop() looks up. Amortised: runs when at least half the versions are dropped ones.
 */
function compactDropped(versions: BlockVersions): void {
  const { steps, data } = versions;
  let kept = 0;
  let dropped = 0;
  for (let k = 0; k < steps.length; k++) {
    const gone = data[k] === undefined;
    if (gone && kept > 0 && data[kept - 1] === undefined) continue;
    steps[kept] = steps[k];
    data[kept] = data[k];
    kept++;
    if (gone) dropped++;
  }
  steps.length = kept;
  data.length = kept;
  versions.dropped = dropped;
}

/** The block's contents at `step`: the last version stored at or before it. */
function versionAt(versions: BlockVersions, step: number): Ref | null | undefined {
  const { steps } = versions;
  let lo = 0;
  let hi = steps.length; // first index with steps[i] > step
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (steps[mid] <= step) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? null : versions.data[lo - 1];
}

/** Index of `value` in ascending `list`, or ~(where it would go). */
function binarySearch(list: number[], value: number): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < value) lo = mid + 1;
    else if (list[mid] > value) hi = mid - 1;
    else return mid;
  }
  return ~lo;
}

/**
 * "after step 3" for step index 2, "before the first step" for -1: steps are indexes here (-1
 * the initial image) but counted from 1 wherever a person reads them, as the rest of the API
 * does ("steps 1..4 ran"); these messages once said "memory after step -1".
 */
function stepWords(step: number): string {
  return step === -1 ? 'before the first step' : `after step ${step + 1}`;
}

export function outOfBounds(address: number, length: number, size: number, step?: number): MemscopeError {
  const memory = step === undefined ? 'memory' : `memory ${stepWords(step)}`;
  return {
    code: 'out-of-bounds',
    message: `cannot read ${count(length, 'byte')} at address ${address} (0x${address.toString(16)}): ` +
      `${memory} is ${count(size, 'byte')} (0x${size.toString(16)})`,
  };
}
