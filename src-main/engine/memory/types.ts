// Shapes shared by change detection, history and snapshots: fixed-size blocks of linear memory.

/**
 * Granularity of change tracking, history and sparse snapshots: 4 KiB.
 * Why not the 64 KiB wasm page: a step typically touches a few hundred bytes (a struct, a
 * string, allocator metadata), so storing 4 KiB per touched block keeps each step's history
 * entry and a sparse snapshot ~16x smaller than whole pages would. The cost of the smaller
 * unit is nil: unchanged memory is still compared one 64 KiB page per memcmp, and only dirty
 * pages are re-compared in 4 KiB blocks (measured in bench/memory.bench.ts: 4 KiB memcmps over
 * all of memory were ~20% slower than 64 KiB ones; the two-level scan matches 64 KiB).
 */
export const BLOCK_SIZE = 4096;

export { WASM_PAGE } from '../../shared/dto.ts';

/** One block of memory. `bytes.length` is the block size, or less for a last partial block. */
export interface MemoryBlock {
  /** Block number: the block covers [index * blockSize, index * blockSize + bytes.length). */
  index: number;
  bytes: Uint8Array;
}

/**
 * A memory image without its zeros: `blocks` holds every block that may be non-zero, sorted by
 * index; any block not listed is all zero. A 4 GiB memory with 1 MiB of data costs 1 MiB here.
 */
export interface SparseImage {
  size: number;
  blockSize: number;
  blocks: MemoryBlock[];
}

/** Memory growth, in 64 KiB pages. */
export interface Growth {
  fromPages: number;
  toPages: number;
}

/**
 * Blocks packed for the thread line: one index array and one buffer, whatever their number (a
 * step that rewrote 1 MiB is 256 blocks: as objects with a view each, their messages cost the
 * controller 86 KiB of garbage per step).
 *
 *   data: [block indices[0]][block indices[1]]...   each blockSize bytes, except a block that
 *                                                    reaches the end of memory (blockLength)
 */
export interface PackedBlocks {
  /**
   * Block numbers, ascending. A plain array, not a typed one: a typed array is one more
   * ArrayBuffer to allocate and transfer per step, which tiny steps felt.
   */
  indices: number[];
  data: Uint8Array;
}

/** Length of block `index` in a memory of `size` bytes. */
export function blockLength(index: number, blockSize: number, size: number): number {
  return Math.min(blockSize, size - index * blockSize);
}

/**
 * What one capture found, computed in the guest's worker and posted to the controlling side.
 * `changed` holds private copies (see `deltaTransferList`), safe to transfer.
 */
export interface MemoryDelta {
  /** Exact changed byte ranges, [start, end), coalesced, sorted (block runs when `coarse`). */
  ranges: [number, number][];
  changedBytes: number;
  /** Too many exact ranges: `ranges` are the runs of changed blocks; changedBytes is exact. */
  coarse?: true;
  grew?: Growth;
  /** The new contents of every changed block. */
  changed: PackedBlocks;
  blockSize: number;
  /** Memory size in bytes after the change. */
  size: number;
}

/** The ArrayBuffers to pass as postMessage's transfer list for a delta or an image. */
export function deltaTransferList(delta: { changed?: PackedBlocks; blocks?: MemoryBlock[] }): ArrayBuffer[] {
  const seen = new Set<ArrayBuffer>();
  if (delta.changed) {
    const buffer = delta.changed.data.buffer;
    // An empty one is cloned (nothing to copy) rather than transferred.
    if (buffer instanceof ArrayBuffer && buffer.byteLength > 0) seen.add(buffer);
  }
  for (const block of delta.blocks ?? []) {
    const buffer = block.bytes.buffer;
    if (buffer instanceof ArrayBuffer) seen.add(buffer);
  }
  return [...seen];
}

/**
 * Smallest delta buffer the history hands back to the worker for reuse: smaller ones save
 * little, and a capture that small does not even look for a returned buffer.
 */
export const RECYCLE_MIN_BYTES = 64 * 1024;

/** Bytes of block data a delta carries. */
export function deltaBytes(delta: MemoryDelta): number {
  return delta.changed.data.byteLength;
}
