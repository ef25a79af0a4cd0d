import { describe, expect, it } from 'vitest';
import { byteAt, chunkCovers, chunkToFetch } from './memory-window.ts';

describe('held chunk vs visible page', () => {
  const chunk = { address: 4096, bytes: new Uint8Array(8192).fill(7), memorySize: 65536, step: null };
  it('covers a page inside it and not one leaving it', () => {
    expect(chunkCovers(chunk, 4096, 4096 + 640, 65536)).toBe(true);
    expect(chunkCovers(chunk, 12000, 12800, 65536)).toBe(false);
    expect(chunkCovers(null, 0, 16, 65536)).toBe(false);
  });
  it('needs a refetch when memory grew', () => {
    expect(chunkCovers(chunk, 4096, 4200, 131072)).toBe(false);
  });
  it('reads bytes it holds only', () => {
    expect(byteAt(chunk, 4096)).toBe(7);
    expect(byteAt(chunk, 4095)).toBeUndefined();
    expect(byteAt(chunk, 4096 + 8192)).toBeUndefined();
  });
  it('fetches an aligned window around the page, clipped to memory', () => {
    const w = chunkToFetch(100_000, 100_640, 2 ** 20);
    expect(w.address % 4096).toBe(0);
    expect(w.address).toBeLessThanOrEqual(100_000);
    expect(w.address + w.length).toBeGreaterThanOrEqual(100_640);
    const end = chunkToFetch(2 ** 32 - 640, 2 ** 32, 2 ** 32);
    expect(end.address + end.length).toBe(2 ** 32);
    expect(end.address).toBeLessThanOrEqual(2 ** 32 - 640);
    const tiny = chunkToFetch(0, 640, 1000);
    expect(tiny).toEqual({ address: 0, length: 1000 });
  });
  it('holds the whole visible page whatever the window size and alignment', () => {
    // A page straddling a 4 KiB boundary with the small refresh window (a step's re-read).
    for (const minLength of [4096, 16384]) {
      for (let start = 0; start < 3 * 65536; start += 16 * 37) {
        const end = start + 512;
        const w = chunkToFetch(start, end, 131072, minLength);
        const last = Math.min(end, 131072);
        if (start >= 131072) continue;
        expect(w.address).toBeLessThanOrEqual(start);
        expect(w.address + w.length).toBeGreaterThanOrEqual(last);
        expect(w.address + w.length).toBeLessThanOrEqual(131072);
      }
    }
    expect(chunkToFetch(0x10580, 0x10780, 131072, 4096).address).toBeLessThanOrEqual(0x10580);
  });
});
