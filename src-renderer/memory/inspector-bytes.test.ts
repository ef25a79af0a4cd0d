import { describe, expect, it } from 'vitest';
import { IntervalIndex } from './highlights.ts';
import { heldBytesAt, textEndAt } from './inspector-bytes.ts';

describe('inspector bytes', () => {
  const chunk = { address: 4096, bytes: Uint8Array.from({ length: 256 }, (_, i) => i), memorySize: 65536, step: null };
  it('takes 128 bytes from the held chunk when it holds them all, fewer only at the end of memory', () => {
    expect(Array.from(heldBytesAt(chunk, 4096 + 10)!.subarray(0, 3))).toEqual([10, 11, 12]);
    expect(heldBytesAt(chunk, 4096)!.length).toBe(128);
    expect(heldBytesAt(chunk, 4096 + 250)).toBeNull();
    // 20 bytes held, more in memory after them: the inspector reads its own (before, it took the
    // 20 and its text preview ended there, in a character's middle if one was split).
    expect(heldBytesAt(chunk, 4096 + 236)).toBeNull();
    // Where memory ends, what is left of it (before, fewer than 8 took a read of the same bytes).
    const end = { address: 65536 - 256, bytes: Uint8Array.from({ length: 256 }, (_, i) => i), memorySize: 65536, step: null };
    expect(Array.from(heldBytesAt(end, 65536 - 4)!)).toEqual([252, 253, 254, 255]);
    expect(heldBytesAt(end, 65536)).toBeNull();
    expect(heldBytesAt(chunk, 100)).toBeNull();
    expect(heldBytesAt(null, 4096)).toBeNull();
  });
  it('stops text at the innermost region holding the address', () => {
    const idx = new IntervalIndex([{ start: 100, end: 200, value: 1 }, { start: 120, end: 132, value: 2 }]);
    expect(textEndAt(idx, 121)).toBe(11);
    expect(textEndAt(idx, 150)).toBe(50);
    expect(textEndAt(idx, 300)).toBe(Infinity);
    expect(textEndAt(idx, null)).toBe(Infinity);
  });
});
