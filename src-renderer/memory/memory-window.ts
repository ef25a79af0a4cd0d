// Bytes we hold vs bytes we show: the held chunk of memory and when a visible page needs a new one.

export interface HeldChunk {
  address: number;
  bytes: Uint8Array;
  memorySize: number;
  /** The step whose memory this is (-1 before the first step); null for "live". */
  step: number | null;
}

/** True when the chunk holds every byte of [start, end) that exists in memory. */
export function chunkCovers(chunk: HeldChunk | null, start: number, end: number, memorySize: number): boolean {
  if (!chunk || chunk.memorySize !== memorySize) return false;
  const last = Math.min(end, memorySize);
  if (last <= start) return true;
  return start >= chunk.address && last <= chunk.address + chunk.bytes.length;
}

/**
 * The window to fetch for a visible [start, end): at least `minLength` bytes, 4 KiB aligned,
 * extending a page either side so small scrolls stay inside it, clipped to memory.
 */
export function chunkToFetch(start: number, end: number, memorySize: number, minLength = 16 * 1024): { address: number; length: number } {
  const ALIGN = 4096;
  const span = Math.max(end - start, 1);
  const want = Math.max(minLength, span * 3);
  let address = Math.floor((start - (want - span) / 2) / ALIGN) * ALIGN;
  address = Math.max(0, Math.min(address, Math.floor(Math.max(0, memorySize - want) / ALIGN) * ALIGN));
  const length = Math.max(0, Math.min(memorySize - address, Math.ceil(want / ALIGN) * ALIGN));
  return { address, length };
}

/** The byte at `address`, or undefined when the chunk does not hold it. */
export function byteAt(chunk: HeldChunk | null, address: number): number | undefined {
  if (!chunk) return undefined;
  const i = address - chunk.address;
  return i >= 0 && i < chunk.bytes.length ? chunk.bytes[i] : undefined;
}
