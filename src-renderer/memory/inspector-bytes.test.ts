import { describe, expect, it } from 'vitest';
import { IntervalIndex } from './highlights.ts';
import { heldBytesAt, textEndAt } from './inspector-bytes.ts';

describe('inspector bytes', () => {
  const chunk = { address: 4096, bytes: Uint8Array.from({ length: 256 }, (_, i) => i), memorySize: 65536, step: null };
  it('takes up to 128 bytes from the held chunk when it holds at least 8', () => {
    expect(Array.from(heldBytesAt(chunk, 4096 + 10)!.subarray(0, 3))).toEqual([10, 11, 12]);
    expect(heldBytesAt(chunk, 4096)!.length).toBe(128);
    expect(heldBytesAt(chunk, 4096 + 250)).toBeNull();
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
