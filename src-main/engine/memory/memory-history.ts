// The memory image after every step, kept on the controlling side: only the blocks a step
// changed are stored, every other block is shared with earlier steps.

import type { MemscopeError, Result } from '../../shared/dto.ts';
import { isAllZero, narrowDiff, RangeBuilder } from './byte-ranges.ts';
import { BLOCK_SIZE, WASM_PAGE } from './types.ts';
import type { Growth, MemoryBlock, MemoryDelta, SparseImage } from './types.ts';

/**
 * One block's contents over time: `data[k]` is the block from step `steps[k]` on, until
 * `steps[k + 1]`; null means all zero. Steps ascend. Before `steps[0]` the block was zero.
 */
interface BlockVersions {
  steps: number[];
  data: (Uint8Array | null)[];
}

/** What a step changed, without the block copies. */
export interface StepChanges {
  ranges: [number, number][];
  changedBytes: number;
  grew?: Growth;
}

/** Page map values: one byte per 64 KiB page. */
export const PAGE_ZERO = 0;
export const PAGE_DATA = 1;
export const PAGE_CHANGED = 2;

/**
 * Steps are numbered from 0; step -1 is the initial image (right after instantiation). A read at
 * step s sees the latest version of each block at or before s: a binary search per block, so
 * reads stay cheap however many steps ran, and a 4 GiB memory costs only its stored blocks.
 * Block copies handed to `reset`/`commit` are kept, not copied: callers must not modify them.
 */
export class MemoryHistory {
  private blockSize = BLOCK_SIZE;
  private versions = new Map<number, BlockVersions>();
  private sortedKeys: number[] | null = [];
  /** sizes[s + 1] is the memory size after step s. */
  private sizes: number[] = [0];
  private changes: StepChanges[] = [];

  constructor(initial?: SparseImage) {
    if (initial !== undefined) this.reset(initial);
  }

  /** The last committed step (-1 when only the initial image is held). */
  get lastStep(): number {
    return this.changes.length - 1;
  }

  /** Forgets every step; `initial` becomes step -1. */
  reset(initial: SparseImage): void {
    this.blockSize = initial.blockSize;
    this.versions = new Map();
    this.sortedKeys = null;
    this.sizes = [initial.size];
    this.changes = [];
    this.store(-1, initial.blocks);
  }

  /** Records the memory after `step`, which must be the step after the last one committed. */
  commit(step: number, delta: MemoryDelta): void {
    if (step !== this.changes.length) {
      throw new RangeError(`history expects step ${this.changes.length}, got ${step}`);
    }
    if (delta.blockSize !== this.blockSize) {
      throw new RangeError(`delta block size ${delta.blockSize} differs from history's ${this.blockSize}`);
    }
    this.store(step, delta.pages);
    this.sizes.push(delta.size);
    const entry: StepChanges = { ranges: delta.ranges, changedBytes: delta.changedBytes };
    if (delta.grew !== undefined) entry.grew = delta.grew;
    this.changes.push(entry);
  }

  /** A step number as a value: an error unless -1 <= step <= lastStep. */
  checkStep(step: number): Result<number> {
    if (Number.isInteger(step) && step >= -1 && step <= this.lastStep) return { ok: true, value: step };
    return {
      ok: false,
      error: { code: 'usage', message: `no memory recorded for step ${step}; steps -1..${this.lastStep} exist` },
    };
  }

  /** Memory size in bytes after `step`. Throws RangeError for a step that does not exist. */
  sizeAt(step: number = this.lastStep): number {
    return this.sizes[this.stepOrThrow(step) + 1];
  }

  /** A copy of [address, address + length) as it was after `step` (default: the last step). */
  read(address: number, length: number, step: number = this.lastStep): Result<Uint8Array> {
    const checked = this.checkStep(step);
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
    return this.changes[step];
  }

  /** One byte per 64 KiB page: PAGE_ZERO, PAGE_DATA, or PAGE_CHANGED (changed by that step). */
  pageMap(step: number = this.lastStep): Uint8Array {
    const size = this.sizeAt(step);
    const map = new Uint8Array(Math.ceil(size / WASM_PAGE));
    for (const [index, versions] of this.versions) {
      const data = versionAt(versions, step);
      if (data !== null) map[Math.floor((index * this.blockSize) / WASM_PAGE)] = PAGE_DATA;
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
    this.stepOrThrow(stepA);
    this.stepOrThrow(stepB);
    const out = new RangeBuilder();
    for (const index of this.keys()) {
      const versions = this.versions.get(index) as BlockVersions;
      const a = versionAt(versions, stepA);
      const b = versionAt(versions, stepB);
      if (a !== b) narrowDiff(a, b, index * this.blockSize, out);
    }
    return out.ranges;
  }

  /** The memory after `step` as a sparse image: its non-zero blocks, shared (do not modify). */
  imageAt(step: number = this.lastStep): SparseImage {
    const size = this.sizeAt(step);
    const blocks: MemoryBlock[] = [];
    for (const index of this.keys()) {
      const data = versionAt(this.versions.get(index) as BlockVersions, step);
      if (data !== null) blocks.push({ index, bytes: data });
    }
    return { size, blockSize: this.blockSize, blocks };
  }

  private store(step: number, blocks: MemoryBlock[]): void {
    for (const { index, bytes } of blocks) {
      const data = isAllZero(bytes) ? null : bytes;
      let versions = this.versions.get(index);
      if (versions === undefined) {
        if (data === null) continue;
        versions = { steps: [], data: [] };
        this.versions.set(index, versions);
        this.sortedKeys = null;
      }
      versions.steps.push(step);
      versions.data.push(data);
    }
  }

  private blockAt(index: number, step: number): Uint8Array | null {
    const versions = this.versions.get(index);
    return versions === undefined ? null : versionAt(versions, step);
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
}

/** The block's contents at `step`: the last version stored at or before it. */
function versionAt(versions: BlockVersions, step: number): Uint8Array | null {
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

export function outOfBounds(address: number, length: number, size: number, step?: number): MemscopeError {
  const at = step === undefined ? '' : ` after step ${step}`;
  return {
    code: 'out-of-bounds',
    message: `cannot read ${length} bytes at address ${address} (0x${address.toString(16)}): ` +
      `memory${at} is ${size} bytes (0x${size.toString(16)})`,
  };
}
