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
 * The window to fetch for a visible [start, end): at least `minLength` bytes (memory allowing),
 * 4 KiB aligned, always holding all of [start, end), with a margin either side so small scrolls
 * stay inside it, clipped to memory.
 */
export function chunkToFetch(start: number, end: number, memorySize: number, minLength = 16 * 1024): { address: number; length: number } {
  const ALIGN = 4096;
  const last = Math.min(end, memorySize);
  const span = Math.max(last - start, 1);
  const margin = Math.max(0, Math.floor((Math.max(minLength, span * 3) - span) / 2));
  let address = Math.floor(Math.max(0, start - margin) / ALIGN) * ALIGN;
  const stop = Math.min(memorySize, Math.ceil((last + margin) / ALIGN) * ALIGN);
  // Near the end of memory the margin cannot go after the page: take it before instead.
  if (stop - address < minLength) address = Math.max(0, Math.floor((stop - minLength) / ALIGN) * ALIGN);
  return { address, length: Math.max(0, stop - address) };
}

/** The byte at `address`, or undefined when the chunk does not hold it. */
export function byteAt(chunk: HeldChunk | null, address: number): number | undefined {
  if (!chunk) return undefined;
  const i = address - chunk.address;
  return i >= 0 && i < chunk.bytes.length ? chunk.bytes[i] : undefined;
}
