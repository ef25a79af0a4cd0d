// Searches the whole memory (live or after a step) for a pattern, one request's most at a time
// (MAX_READ_BYTES), skipping windows whose 64 KiB pages are all zero when zeros cannot match.

import type { MemoryReader } from './memory-source.svelte.ts';
import { MAX_READ_BYTES, WASM_PAGE, type MemscopeError } from '../../src-main/shared/dto.ts';
import { findAll, type Pattern } from './search.ts';

export interface ScanResult {
  hits: number[];
  /** True when the limit stopped the scan before the end of memory. */
  truncated: boolean;
}

/**
 * Windows of MAX_READ_BYTES overlap by the pattern's length - 1, so a match across a seam is
 * whole in one of them; a hit that starts in the overlap belongs to the next window.
 */
export async function scanMemory(
  memory: MemoryReader, pattern: Pattern, memorySize: number, step: number | null, pages: Uint8Array | null, limit = 1000,
): Promise<ScanResult | MemscopeError> {
  const zerosMatch = pattern.bytes.every((b, i) => b === 0 || pattern.mask[i] === 0);
  const stride = MAX_READ_BYTES - (pattern.bytes.length - 1);
  if (stride <= 0) return { code: 'usage', message: `search for at most ${MAX_READ_BYTES} bytes: this pattern is ${pattern.bytes.length}` };
  const hits: number[] = [];
  for (let start = 0; start < memorySize; start += stride) {
    const end = Math.min(memorySize, start + MAX_READ_BYTES);
    if (!zerosMatch && pages && allZero(pages, start, end)) continue;
    const r = await memory.read(start, end - start, step);
    if (!r.ok) return r.error;
    for (const a of findAll(r.value.bytes, start, pattern, limit - hits.length + 1)) if (a < start + stride) hits.push(a);
    if (hits.length >= limit) return { hits: hits.slice(0, limit), truncated: true };
  }
  return { hits, truncated: false };
}

function allZero(pages: Uint8Array, start: number, end: number): boolean {
  for (let p = Math.floor(start / WASM_PAGE); p < Math.ceil(end / WASM_PAGE); p++) if (pages[p] !== 0) return false;
  return true;
}
