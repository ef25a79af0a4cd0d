// Exact changed byte ranges: memcmp-speed block comparison and word-then-byte narrowing.

import { Buffer } from 'node:buffer';

/**
 * Collects [start, end) ranges added in ascending order, merging ranges that touch. Past
 * `limit` ranges it keeps counting bytes but stops listing (`overflowed`): a step that flips
 * scattered bytes of a megabyte would otherwise cost a quarter of a million arrays.
 */
export class RangeBuilder {
  readonly ranges: [number, number][] = [];
  bytes = 0;
  overflowed = false;

  constructor(private readonly limit = Infinity) {}

  add(start: number, end: number): void {
    this.bytes += end - start;
    const last = this.ranges[this.ranges.length - 1];
    if (last !== undefined && last[1] === start) last[1] = end;
    else if (this.ranges.length < this.limit) this.ranges.push([start, end]);
    else this.overflowed = true;
  }
}

/** The runs of consecutive blocks among ascending block numbers, as byte ranges clipped to `size`. */
export function blockRuns(blocks: number[], blockSize: number, size: number): [number, number][] {
  const out: [number, number][] = [];
  for (const index of blocks) {
    const start = index * blockSize;
    const end = Math.min(size, start + blockSize);
    const last = out[out.length - 1];
    if (last !== undefined && last[1] === start) last[1] = end;
    else out.push([start, end]);
  }
  return out;
}

/** A Buffer view (no copy) of a Uint8Array, for Buffer.prototype.compare's offset form. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** True when [start, end) of `buf` differs from [start, end) of `other` (memcmp). */
export function rangeDiffers(buf: Buffer, other: Buffer, start: number, end: number): boolean {
  return buf.compare(other, start, end, start, end) !== 0;
}

/**
 * True when [start, end) of `buf` is all zero: the first byte is zero and the range equals
 * itself shifted by one byte (one memcmp, one stream of memory reads, no zero buffer).
 */
export function rangeIsZero(buf: Buffer, start: number, end: number): boolean {
  if (end <= start) return true;
  return buf[start] === 0 && buf.compare(buf, start + 1, end, start, end - 1) === 0;
}

export function isAllZero(bytes: Uint8Array): boolean {
  return rangeIsZero(asBuffer(bytes), 0, bytes.length);
}

/** Coarse-to-fine scan sizes: a zero 1 MiB chunk costs one memcmp, then 64 KiB, then blocks. */
const ZERO_SCAN_LEVELS = [1 << 20, 1 << 16];

/**
 * Numbers of the `blockSize` blocks of [from, to) of `buf` that hold a non-zero byte, ascending.
 * `from` must be a multiple of `blockSize`; a last block may be cut short at `to`.
 */
export function nonZeroBlocks(buf: Buffer, from: number, to: number, blockSize: number, level = 0): number[] {
  const out: number[] = [];
  const chunk = ZERO_SCAN_LEVELS[level];
  if (chunk === undefined || chunk <= blockSize) {
    for (let start = from; start < to; start += blockSize) {
      if (!rangeIsZero(buf, start, Math.min(to, start + blockSize))) out.push(start / blockSize);
    }
    return out;
  }
  for (let start = from; start < to; start += chunk) {
    const end = Math.min(to, start + chunk);
    if (rangeIsZero(buf, start, end)) continue;
    for (const index of nonZeroBlocks(buf, start, end, blockSize, level + 1)) out.push(index);
  }
  return out;
}

/**
 * Adds to `out` the exact ranges where `a` and `b` differ, offset by `base`. `b` may be null
 * (all zero) and `a` may be shorter or longer than `b`: missing bytes count as zero. Compares
 * 32-bit words when both are 4-byte aligned, then the bytes of each differing word.
 */
export function narrowDiff(a: Uint8Array | null, b: Uint8Array | null, base: number, out: RangeBuilder): void {
  const length = Math.max(a?.length ?? 0, b?.length ?? 0);
  const x = padTo(a, length);
  const y = padTo(b, length);
  const words = length >>> 2;
  if (words > 0 && x.byteOffset % 4 === 0 && y.byteOffset % 4 === 0) {
    const wx = new Uint32Array(x.buffer, x.byteOffset, words);
    const wy = new Uint32Array(y.buffer, y.byteOffset, words);
    narrowWords(wx, wy, 0, words, base, out);
  } else {
    bytesDiff(x, y, 0, length, base, out);
    return;
  }
  bytesDiff(x, y, words * 4, length, base, out);
}

/**
 * Adds to `out` the ranges where words [from, to) of `x` and `y` differ, at byte address
 * base + 4 * word: whole words when all four bytes differ, single bytes otherwise.
 */
export function narrowWords(x: Uint32Array, y: Uint32Array, from: number, to: number, base: number, out: RangeBuilder): void {
  for (let i = from; i < to; i++) {
    const diff = (x[i]! ^ y[i]!) >>> 0;
    if (diff === 0) continue;
    const at = base + 4 * i;
    // Little-endian: byte k of the word is bits 8k..8k+7 of the xor.
    if ((diff & 0xff) !== 0 && (diff & 0xff00) !== 0 && (diff & 0xff0000) !== 0 && diff >>> 24 !== 0) {
      out.add(at, at + 4);
      continue;
    }
    for (let k = 0; k < 4; k++) if (((diff >>> (8 * k)) & 0xff) !== 0) out.add(at + k, at + k + 1);
  }
}

function bytesDiff(x: Uint8Array, y: Uint8Array, from: number, to: number, base: number, out: RangeBuilder): void {
  for (let i = from; i < to; i++) if (x[i] !== y[i]) out.add(base + i, base + i + 1);
}

function padTo(bytes: Uint8Array | null, length: number): Uint8Array {
  if (bytes !== null && bytes.length === length) return bytes;
  const padded = new Uint8Array(length);
  if (bytes !== null) padded.set(bytes.subarray(0, length));
  return padded;
}
