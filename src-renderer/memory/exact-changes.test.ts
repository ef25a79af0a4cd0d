import { describe, expect, it } from 'vitest';
import type { StepRecord } from '../../src-main/shared/dto.ts';
import { exactChanges, EXACT_READ_LIMIT } from './exact-changes.ts';

const base: StepRecord = {
  index: 3, line: 9, source: 'run(1, 4112)', ok: true, calls: [], bound: {}, changes: [], changedBytes: 0,
  regionEvents: [], durationMs: 1, memorySize: 3 * 65536,
};

/** A reader over memory as it was after steps 2 and 3; steps it does not hold fail, as an evicted one does. */
function reader(memories: Record<number, Uint8Array>) {
  const reads: [number, number, number][] = [];
  const read = async (address: number, length: number, step: number) => {
    reads.push([address, length, step]);
    const memory = memories[step];
    if (!memory || address + length > memory.length) return { ok: false as const, error: { code: 'out-of-bounds' as const, message: 'no' } };
    return { ok: true as const, value: { address, bytes: memory.slice(address, address + length), memorySize: memory.length, step } };
  };
  return { read, reads };
}

describe('exactChanges', () => {
  it('reads a coarse step\'s blocks before and after it: only the bytes that differ', async () => {
    const before = new Uint8Array(3 * 65536);
    const after = before.slice();
    after[0x1001] = 1;
    after[0x1ffe] = 2;
    after[0x1fff] = 3;
    after[0x5000] = 4;
    const { read, reads } = reader({ 2: before, 3: after });
    const step = { ...base, changes: [[0x1000, 0x2000], [0x5000, 0x6000]] as [number, number][], changedBytes: 4, changesCoarse: true as const };
    expect(await exactChanges(step, read)).toEqual([[0x1001, 0x1002], [0x1ffe, 0x2000], [0x5000, 0x5001]]);
    expect(reads).toEqual([[0x1000, 0x1000, 2], [0x1000, 0x1000, 3], [0x5000, 0x1000, 2], [0x5000, 0x1000, 3]]);
  });

  it('past the memory before a growth, bytes were zero: they are not read there', async () => {
    const before = new Uint8Array(65536);
    const after = new Uint8Array(2 * 65536);
    after[0x10004] = 9;
    const { read, reads } = reader({ 2: before, 3: after });
    const step = { ...base, memorySize: 2 * 65536, grew: { fromPages: 1, toPages: 2 }, changes: [[0x10000, 0x11000]] as [number, number][], changedBytes: 1, changesCoarse: true as const };
    expect(await exactChanges(step, read)).toEqual([[0x10004, 0x10005]]);
    expect(reads).toEqual([[0x10000, 0x1000, 3]]);
  });

  it('an exact step is its own; too many blocks, or memory no longer kept, leave the blocks whole', async () => {
    const { read, reads } = reader({});
    const exact = { ...base, changes: [[4, 8]] as [number, number][], changedBytes: 4 };
    expect(await exactChanges(exact, read)).toBe(exact.changes);
    const huge = { ...base, changes: [[0, EXACT_READ_LIMIT + 4096]] as [number, number][], changedBytes: 5000, changesCoarse: true as const };
    expect(await exactChanges(huge, read)).toBeNull();
    expect(reads).toEqual([]);
    const evicted = { ...base, changes: [[0x1000, 0x2000]] as [number, number][], changedBytes: 5, changesCoarse: true as const };
    expect(await exactChanges(evicted, read)).toBeNull();
  });
});
