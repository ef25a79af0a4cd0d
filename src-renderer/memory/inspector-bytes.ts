// What the value inspector decodes at the selection: bytes from the held chunk when it holds
// enough of them, and where a text preview must stop (the end of the innermost region there,
// so bytes past a string without a NUL are not shown as its text).

import type { IntervalIndex } from './highlights.ts';
import type { HeldChunk } from './memory-window.ts';

/** Up to 128 bytes from `address` out of the chunk, or null when it holds fewer than 8 there. */
export function heldBytesAt(chunk: HeldChunk | null, address: number): Uint8Array | null {
  if (!chunk) return null;
  const i = address - chunk.address;
  return i >= 0 && i + 8 <= chunk.bytes.length ? chunk.bytes.subarray(i, i + 128) : null;
}

/** The chunk's bytes from `address` to its end (what a static's or block's name reads a Rust enum's variant from), or null when it does not hold `address`. */
export function heldFrom(chunk: HeldChunk | null, address: number): Uint8Array | null {
  const i = chunk ? address - chunk.address : -1;
  return chunk && i >= 0 && i < chunk.bytes.length ? chunk.bytes.subarray(i) : null;
}

/** Bytes from `address` to the end of the innermost region holding it; Infinity outside any. */
export function textEndAt(regionIdx: IntervalIndex<number>, address: number | null): number {
  if (address === null) return Infinity;
  const ends = regionIdx.overlapping(address, address + 1).map((r) => r.end - address);
  return ends.length > 0 ? Math.min(...ends) : Infinity;
}
