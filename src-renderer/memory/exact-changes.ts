// The exact bytes a coarse step changed, for the grid's change marks. A step whose changes were
// too scattered to keep one by one (over MAX_EXACT_RANGES: StepRecord.changesCoarse) records
// the runs of 4 KiB blocks that hold them; marked as they are, every unchanged byte of those
// blocks would show as changed. Reading the blocks as they were before and after the step gives
// the exact ranges, as Diff steps does, when they are few enough to read.

import { WASM_PAGE, type Result, type StepRecord } from '../../src-main/shared/dto.ts';
import type { MemoryWindow } from '../../src-main/shared/contract.ts';
import { differingRanges } from './step-diff.ts';

/** The most of a coarse step's blocks read (before and after it, so twice this): 1 MiB. */
export const EXACT_READ_LIMIT = 1 << 20;

type Read = (address: number, length: number, step: number) => Promise<Result<MemoryWindow>>;

/**
 * The exact [start, end) ranges `step` changed: its own `changes` when they are exact, else
 * found by reading its blocks before and after it. Null when its blocks total more than
 * EXACT_READ_LIMIT or a read fails (an old step whose memory the history no longer keeps
 * exactly): the blocks stay marked whole.
 */
export async function exactChanges(step: StepRecord, read: Read): Promise<[number, number][] | null> {
  if (!step.changesCoarse) return step.changes;
  if (step.changes.reduce((n, [a, b]) => n + b - a, 0) > EXACT_READ_LIMIT) return null;
  // Memory may have grown in the step: past its size before, bytes were zero.
  const sizeBefore = step.grew ? step.grew.fromPages * WASM_PAGE : step.memorySize;
  const bytes = async (at: number, start: number, end: number): Promise<Uint8Array | null> => {
    if (end <= start) return new Uint8Array(0);
    const r = await read(start, end - start, at);
    return r.ok ? r.value.bytes : null;
  };
  const out: [number, number][] = [];
  for (const [a, b] of step.changes) {
    const [before, after] = await Promise.all([bytes(step.index - 1, a, Math.min(b, sizeBefore)), bytes(step.index, a, b)]);
    if (!before || !after) return null;
    out.push(...differingRanges(a, before, after));
  }
  return out;
}
