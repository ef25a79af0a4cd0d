// Searches the whole memory (live or after a step) for a pattern, 1 MiB request at a time (the
// contract's limit), skipping windows whose 64 KiB pages are all zero when zeros cannot match.

import type { MemoryReader } from './memory-source.svelte.ts';
import { WASM_PAGE, type MemscopeError } from '../../src-main/shared/dto.ts';
import { findAll, type Pattern } from './search.ts';

const WINDOW = 1 << 20;

export interface ScanResult {
  hits: number[];
  /** True when the limit stopped the scan before the end of memory. */
  truncated: boolean;
}

export async function scanMemory(
  memory: MemoryReader, pattern: Pattern, memorySize: number, step: number | null, pages: Uint8Array | null, limit = 1000,
): Promise<ScanResult | MemscopeError> {
  const zerosMatch = pattern.bytes.every((b, i) => b === 0 || pattern.mask[i] === 0);
  const overlap = pattern.bytes.length - 1;
  const hits: number[] = [];
  for (let start = 0; start < memorySize; start += WINDOW) {
    const end = Math.min(memorySize, start + WINDOW + overlap);
    if (!zerosMatch && pages && allZero(pages, start, end)) continue;
    const r = await memory.read(start, end - start, step);
    if (!r.ok) return r.error;
    // Hits starting in the overlap belong to the next window.
    for (const a of findAll(r.value.bytes, start, pattern, limit - hits.length + 1)) if (a < start + WINDOW) hits.push(a);
    if (hits.length >= limit) return { hits: hits.slice(0, limit), truncated: true };
  }
  return { hits, truncated: false };
}

function allZero(pages: Uint8Array, start: number, end: number): boolean {
  for (let p = Math.floor(start / WASM_PAGE); p < Math.ceil(end / WASM_PAGE); p++) if (pages[p] !== 0) return false;
  return true;
}
