import { describe, expect, it } from 'vitest';
import { MAX_READ_BYTES, WASM_PAGE } from '../../src-main/shared/dto.ts';
import type { MemoryReader } from './memory-source.svelte.ts';
import { scanMemory } from './memory-scan.ts';
import { parsePattern, type Pattern } from './search.ts';

/** A reader over `memory` that refuses a read over MAX_READ_BYTES, as the shells refuse the request. */
function reader(memory: Uint8Array) {
  const reads: [number, number][] = [];
  const read: MemoryReader['read'] = async (address, length, step = null) => {
    reads.push([address, length]);
    if (length > MAX_READ_BYTES) return { ok: false, error: { code: 'usage', message: `readMemory: length must be an integer in [0, ${MAX_READ_BYTES}] (1 MiB per request)` } };
    return { ok: true, value: { address, bytes: memory.slice(address, address + length), memorySize: memory.length, step: step ?? -2 } };
  };
  return { memory: { read }, reads };
}

const text = (t: string) => parsePattern('utf8', t) as Pattern;

/** The page map a memory view holds: 1 where a 64 KiB page has a non-zero byte. */
function pagesOf(memory: Uint8Array): Uint8Array {
  return Uint8Array.from({ length: memory.length / WASM_PAGE }, (_, p) => (memory.subarray(p * WASM_PAGE, (p + 1) * WASM_PAGE).some((b) => b !== 0) ? 1 : 0));
}

describe('scanMemory', () => {
  // A 4 MiB static data segment (clang, 2,000 functions): the search read 1 MiB plus the
  // pattern's overlap and every search past the first MiB failed with the shell's usage error.
  it('searches a memory of several MiB in reads of at most MAX_READ_BYTES, a match across a seam found once', async () => {
    const memory = new Uint8Array(4 * MAX_READ_BYTES + 3 * WASM_PAGE);
    const put = (at: number) => memory.set(new TextEncoder().encode('needle'), at);
    const at = [0x10, MAX_READ_BYTES - 3, MAX_READ_BYTES + 100, 2 * MAX_READ_BYTES - 6, 3 * MAX_READ_BYTES + 1, memory.length - 6];
    at.forEach(put);
    const { memory: m, reads } = reader(memory);
    const r = await scanMemory(m, text('needle'), memory.length, null, pagesOf(memory));
    expect(r).toEqual({ hits: at, truncated: false });
    expect(reads.every(([, length]) => length <= MAX_READ_BYTES)).toBe(true);
    // Every byte was read (no page is all zero), the seams' overlaps aside.
    expect(reads.reduce((n, [, length]) => n + length, 0)).toBeGreaterThanOrEqual(memory.length);
  });

  it('skips windows whose pages are all zero when zeros cannot match, and reads them when they can', async () => {
    const memory = new Uint8Array(3 * MAX_READ_BYTES);
    memory.set([1, 2, 3], 2 * MAX_READ_BYTES + 5);
    const { memory: m, reads } = reader(memory);
    expect(await scanMemory(m, parsePattern('hex', '01 02 03') as Pattern, memory.length, null, pagesOf(memory))).toEqual({ hits: [2 * MAX_READ_BYTES + 5], truncated: false });
    expect(reads.length).toBe(1);
    const zeros = reader(memory);
    const r = await scanMemory(zeros.memory, parsePattern('hex', '00 00') as Pattern, memory.length, null, pagesOf(memory), 5);
    expect(r).toEqual({ hits: [0, 1, 2, 3, 4], truncated: true });
  });
});
