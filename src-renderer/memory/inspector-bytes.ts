// What the value inspector decodes at the selection: bytes from the held chunk when it holds
// enough of them, and where a text preview must stop (the end of the innermost region there,
// so bytes past a string without a NUL are not shown as its text).

import type { IntervalIndex } from './highlights.ts';
import type { HeldChunk } from './memory-window.ts';

/**
 * The 128 bytes from `address` out of the chunk (fewer only where memory ends), or null when the
 * chunk does not hold them all: the inspector then reads them itself. Taking whatever the chunk
 * held from an address near its end cut the text previews, LEB128 and char short of bytes that
 * are in memory, as if the text ended there.
 */
export function heldBytesAt(chunk: HeldChunk | null, address: number): Uint8Array | null {
  if (!chunk) return null;
  const i = address - chunk.address;
  const want = Math.min(128, chunk.memorySize - address);
  return i >= 0 && want > 0 && i + want <= chunk.bytes.length ? chunk.bytes.subarray(i, i + want) : null;
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
