// Operations on sparse memory images (non-zero blocks only): build from bytes, read, page map,
// diff, and flatten back to bytes.

import type { Result } from '../../shared/dto.ts';
import { asBuffer, isAllZero, narrowDiff, nonZeroBlocks, RangeBuilder } from './byte-ranges.ts';
import { outOfBounds } from './memory-history.ts';
import { BLOCK_SIZE, WASM_PAGE } from './types.ts';
import type { MemoryBlock, SparseImage } from './types.ts';

/**
 * The non-zero blocks of `bytes`, found at memcmp speed (1 MiB, then 64 KiB, then blocks).
 * The blocks are views of `bytes`, not copies. `blockSize` must be a power of two.
 */
export function sparseImageFromBytes(bytes: Uint8Array, blockSize = BLOCK_SIZE): SparseImage {
  const blocks = nonZeroBlocks(asBuffer(bytes), 0, bytes.length, blockSize).map((index) => ({
    index, bytes: bytes.subarray(index * blockSize, Math.min(bytes.length, (index + 1) * blockSize)),
  }));
  return { size: bytes.length, blockSize, blocks };
}

/**
 * Like sparseImageFromBytes, but the blocks are copies packed into one fresh ArrayBuffer (one
 * entry for postMessage's transfer list): copying a 1 GiB memory holding 10 MiB costs 10 MiB.
 */
export function copySparseImage(bytes: Uint8Array, blockSize = BLOCK_SIZE): SparseImage {
  const image = sparseImageFromBytes(bytes, blockSize);
  let total = 0;
  for (const block of image.blocks) total += block.bytes.length;
  const data = new Uint8Array(total);
  let at = 0;
  image.blocks = image.blocks.map(({ index, bytes: view }) => {
    data.set(view, at);
    at += view.length;
    return { index, bytes: data.subarray(at - view.length, at) };
  });
  return image;
}

/** The full memory as one buffer (zero-filled, then the blocks copied in). */
export function sparseImageToBytes(image: SparseImage): Uint8Array {
  const out = new Uint8Array(image.size);
  for (const block of image.blocks) out.set(block.bytes, block.index * image.blockSize);
  return out;
}

/** A copy of [address, address + length) of the image, bounds-checked. */
export function readSparseImage(image: SparseImage, address: number, length: number): Result<Uint8Array> {
  if (!Number.isSafeInteger(address) || !Number.isSafeInteger(length) || address < 0 || length < 0 ||
    address + length > image.size) {
    return { ok: false, error: outOfBounds(address, length, image.size) };
  }
  const out = new Uint8Array(length);
  const bs = image.blockSize;
  const end = address + length;
  for (let k = firstBlockAtOrAfter(image.blocks, Math.floor(address / bs)); k < image.blocks.length; k++) {
    const { index, bytes } = image.blocks[k];
    const blockStart = index * bs;
    if (blockStart >= end) break;
    const from = Math.max(address, blockStart);
    const to = Math.min(end, blockStart + bytes.length);
    if (to > from) out.set(bytes.subarray(from - blockStart, to - blockStart), from - address);
  }
  return { ok: true, value: out };
}

/** One byte per 64 KiB page: 0 when the page is all zero, 1 when it holds data. */
export function sparseImagePageMap(image: SparseImage): Uint8Array {
  const map = new Uint8Array(Math.ceil(image.size / WASM_PAGE));
  for (const { index, bytes } of image.blocks) {
    // A block larger than a page (a foreign file's; Memscope writes 4 KiB ones) marks each of its
    // pages that holds data: marking only its first said page 0 held what page 5 did.
    const start = index * image.blockSize;
    for (let at = 0; at < bytes.length; at += WASM_PAGE) {
      if (!isAllZero(bytes.subarray(at, at + WASM_PAGE))) map[Math.floor((start + at) / WASM_PAGE)] = 1;
    }
  }
  return map;
}

/**
 * Exact byte ranges where two images differ. Memory past the smaller image's end counts as zero,
 * as pages added by growth do. Both images must use the same block size.
 */
export function diffSparseImages(a: SparseImage, b: SparseImage): [number, number][] {
  if (a.blockSize !== b.blockSize) {
    throw new RangeError(`cannot diff images with block sizes ${a.blockSize} and ${b.blockSize}`);
  }
  const out = new RangeBuilder();
  let i = 0;
  let j = 0;
  while (i < a.blocks.length || j < b.blocks.length) {
    const ia = a.blocks[i]?.index ?? Infinity;
    const ib = b.blocks[j]?.index ?? Infinity;
    const index = Math.min(ia, ib);
    const x = ia === index ? a.blocks[i++].bytes : null;
    const y = ib === index ? b.blocks[j++].bytes : null;
    if (x !== y) narrowDiff(x, y, index * a.blockSize, out);
  }
  return out.ranges;
}

function firstBlockAtOrAfter(blocks: MemoryBlock[], index: number): number {
  let lo = 0;
  let hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (blocks[mid].index < index) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
