// The sparse snapshot file (.msnap): one self-contained binary holding a JSON manifest and only
// the non-zero blocks of a memory image. Encoder and validating decoder.

import type { MemscopeError, Result, SnapshotManifest } from '../../shared/dto.ts';
import { count as counted } from '../../shared/count.ts';
import { SNAPSHOT_MAGIC } from '../../shared/wasm-magic.ts';
import { isAllZero } from './byte-ranges.ts';
import { manifestProblem, ownManifest } from './snapshot-manifest.ts';
import type { MemoryBlock, SparseImage } from './types.ts';

/*
 * Byte layout, all integers little-endian:
 *
 *   offset     size   field
 *   0          8      magic "MSNAP\0\0" + version byte 0x01
 *   8          4      u32 M: manifest length in bytes
 *   12         M      manifest: SnapshotManifest as JSON, UTF-8
 *   12+M       P      zero padding, P = 0..7, so H = 12+M+P is a multiple of 8
 *   H          8      u64 memory size in bytes (equals manifest.memorySize)
 *   H+8        4      u32 B: block size in bytes (equals manifest.blockSize)
 *   H+12       4      u32 N: number of stored blocks
 *   H+16       4*N    u32 block numbers, strictly ascending; block k covers memory
 *                     [k*B, min(k*B+B, size))
 *   D=H+16+4N  ...    block data, in the same order; each block is B bytes, except a block at
 *                     the end of memory, cut at the memory size
 *   the file ends exactly where the block data ends
 *
 * Blocks not listed are all zero, so a 1 GiB memory holding 10 MiB of data is ~10 MiB on disk.
 */

const MAGIC = SNAPSHOT_MAGIC;
export const SNAPSHOT_VERSION = 1;
export const SNAPSHOT_EXTENSION = '.msnap';

/**
 * The largest memory a snapshot may claim: 1 TiB, far past the 4 GiB Memscope runs and the
 * 16 GiB a memory64 engine gives today. The claim alone costs nothing on disk, but reading it
 * needs a page map of a byte per 64 KiB (16 MiB here); 2^53 bytes made that allocation throw.
 */
export const MAX_SNAPSHOT_MEMORY = 2 ** 40;

/** Encodes an image (all-zero blocks are left out). The manifest's size fields are set from the image. */
export function encodeSparseSnapshot(image: SparseImage, manifest: SnapshotManifest): Uint8Array {
  const parts = sparseSnapshotParts(image, manifest);
  let total = 0;
  for (const part of parts) total += part.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * The file as a list of byte arrays to write in order: the header (magic, manifest, block
 * index) and then the block data as views of the image, adjacent blocks merged. Writing these
 * directly avoids copying the data into one buffer first.
 */
export function sparseSnapshotParts(image: SparseImage, manifest: SnapshotManifest): Uint8Array[] {
  const blocks = image.blocks.filter((block) => !isAllZero(block.bytes));
  checkBlocks(image, blocks);
  const json = new TextEncoder().encode(
    JSON.stringify({ ...manifest, memorySize: image.size, blockSize: image.blockSize }),
  );
  const headerAt = align8(12 + json.length);
  const header = new Uint8Array(headerAt + 16 + 4 * blocks.length);
  const view = new DataView(header.buffer);
  header.set(MAGIC, 0);
  header[7] = SNAPSHOT_VERSION;
  view.setUint32(8, json.length, true);
  header.set(json, 12);
  view.setBigUint64(headerAt, BigInt(image.size), true);
  view.setUint32(headerAt + 8, image.blockSize, true);
  view.setUint32(headerAt + 12, blocks.length, true);
  const parts: Uint8Array[] = [header];
  blocks.forEach((block, k) => {
    view.setUint32(headerAt + 16 + 4 * k, block.index, true);
    const last = parts[parts.length - 1];
    const bytes = block.bytes;
    if (k > 0 && last.buffer === bytes.buffer && last.byteOffset + last.length === bytes.byteOffset) {
      parts[parts.length - 1] = new Uint8Array(bytes.buffer, last.byteOffset, last.length + bytes.length);
    } else {
      parts.push(bytes);
    }
  });
  return parts;
}

/** A decoded snapshot. The image's blocks are views of the decoded bytes (no copy). */
export interface DecodedSnapshot {
  manifest: SnapshotManifest;
  image: SparseImage;
}

/** Decodes and validates every field; errors carry the byte offset of the first problem. */
export function decodeSparseSnapshot(bytes: Uint8Array): Result<DecodedSnapshot> {
  const length = bytes.length;
  if (length < 12) return bad(length, `the file is ${counted(length, 'byte')}, shorter than the 12-byte snapshot header`);
  for (let i = 0; i < MAGIC.length; i++) {
    if (bytes[i] !== MAGIC[i]) return bad(i, 'not a Memscope snapshot: the file does not start with "MSNAP\\0\\0"');
  }
  if (bytes[7] !== SNAPSHOT_VERSION) {
    return bad(7, `snapshot format version ${bytes[7]} is not supported (this Memscope reads version ${SNAPSHOT_VERSION})`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const manifestLength = view.getUint32(8, true);
  if (12 + manifestLength > length) {
    return bad(length, `truncated: the ${manifestLength}-byte manifest at offset 12 runs past the end of the ${length}-byte file`);
  }
  const parsed = parseManifest(bytes.subarray(12, 12 + manifestLength));
  if ('problem' in parsed) return bad(12 + parsed.at, parsed.problem);
  const headerAt = align8(12 + manifestLength);
  for (let i = 12 + manifestLength; i < Math.min(headerAt, length); i++) {
    if (bytes[i] !== 0) return bad(i, 'padding after the manifest must be zero');
  }
  if (headerAt + 16 > length) return bad(length, 'truncated: the file ends inside the block header');
  const size = view.getBigUint64(headerAt, true);
  if (size > BigInt(Number.MAX_SAFE_INTEGER) || Number(size) !== parsed.memorySize) {
    return bad(headerAt, `memory size ${size} does not match the manifest's memorySize ${parsed.memorySize}`);
  }
  if (size > BigInt(MAX_SNAPSHOT_MEMORY)) {
    return bad(headerAt, `memory size ${size} bytes is larger than the ${MAX_SNAPSHOT_MEMORY} bytes (1 TiB) a snapshot may hold`);
  }
  const blockSize = view.getUint32(headerAt + 8, true);
  if (blockSize !== parsed.blockSize || blockSize === 0 || (blockSize & (blockSize - 1)) !== 0) {
    return bad(headerAt + 8, `block size ${blockSize} must be a power of two equal to the manifest's blockSize ${parsed.blockSize}`);
  }
  const count = view.getUint32(headerAt + 12, true);
  const indexAt = headerAt + 16;
  if (indexAt + 4 * count > length) {
    return bad(length, `truncated: the index of ${count} blocks at offset ${indexAt} runs past the end of the file`);
  }
  return readBlocks(bytes, view, { manifest: parsed, size: Number(size), blockSize, count, indexAt });
}

interface BlockLayout {
  manifest: SnapshotManifest;
  size: number;
  blockSize: number;
  count: number;
  indexAt: number;
}

function readBlocks(bytes: Uint8Array, view: DataView, layout: BlockLayout): Result<DecodedSnapshot> {
  const { size, blockSize, count, indexAt } = layout;
  const blocks: MemoryBlock[] = [];
  let at = indexAt + 4 * count;
  let previous = -1;
  for (let k = 0; k < count; k++) {
    const entryAt = indexAt + 4 * k;
    const index = view.getUint32(entryAt, true);
    if (index <= previous) return bad(entryAt, `block number ${index} is not greater than the previous ${previous}`);
    const start = index * blockSize;
    if (start >= size) {
      return bad(entryAt, `block number ${index} starts at address ${start}, outside memory of ${size} bytes`);
    }
    const blockLength = Math.min(blockSize, size - start);
    if (at + blockLength > bytes.length) {
      return bad(bytes.length, `truncated: block ${index}'s data at offset ${at} runs past the end of the ${bytes.length}-byte file`);
    }
    blocks.push({ index, bytes: bytes.subarray(at, at + blockLength) });
    at += blockLength;
    previous = index;
  }
  if (at !== bytes.length) return bad(at, `${counted(bytes.length - at, 'unexpected byte')} after the last block`);
  return { ok: true, value: { manifest: layout.manifest, image: { size, blockSize, blocks } } };
}

/**
 * The manifest, or what is wrong with it and where in it (a byte offset): JSON.parse says where it
 * broke as a position in characters, which is turned into bytes so the error points at it, not
 * at the manifest's start.
 */
function parseManifest(json: Uint8Array): SnapshotManifest | { problem: string; at: number } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(json);
  } catch (err) {
    return { problem: `the manifest is not valid UTF-8 JSON: ${(err as Error).message}`, at: 0 };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const position = /at position (\d+)/.exec((err as Error).message)?.[1];
    const at = position === undefined ? 0 : new TextEncoder().encode(text.slice(0, Number(position))).length;
    return { problem: `the manifest is not valid UTF-8 JSON: ${(err as Error).message}`, at };
  }
  const problem = manifestProblem(value);
  // Rebuilt from its own fields: a foreign file's other keys (any name, any value) would otherwise
  // show in `snapshot --json`, in the file's order, and go on into every export made from it.
  return problem === null ? ownManifest(value as SnapshotManifest) : { problem, at: 0 };
}

function checkBlocks(image: SparseImage, blocks: MemoryBlock[]): void {
  let previous = -1;
  for (const { index, bytes } of blocks) {
    const start = index * image.blockSize;
    if (index <= previous || start >= image.size || bytes.length !== Math.min(image.blockSize, image.size - start)) {
      throw new RangeError(`image block ${index} is out of order, outside memory, or of the wrong length`);
    }
    previous = index;
  }
}

function align8(n: number): number {
  return Math.ceil(n / 8) * 8;
}

function bad(offset: number, message: string): { ok: false; error: MemscopeError } {
  return { ok: false, error: { code: 'malformed-snapshot', message, where: { offset } } };
}
