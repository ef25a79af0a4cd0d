// Checks that a replay (stepping back) reproduced what the first run did: the same step records
// (durations aside) and the same memory after every step. A difference is reported, never hidden;
// a replayed step that Stop, its time limit or a crash ended is reported as that, not as a difference.

import { TIMING_KEYS, type ErrorCode, type MemscopeError, type StepRecord } from '../../shared/dto.ts';
import type { MemoryHistory } from '../memory/memory-history.ts';
import type { SparseImage } from '../memory/types.ts';

/** A record as text with every measured time zeroed: what must match between two runs of a step. */
export function recordKey(record: StepRecord): string {
  return JSON.stringify(record, (key, value: unknown) => (TIMING_KEYS.has(key) ? 0 : value));
}

/**
 * The record without what write tracing changes: the writers, who grew memory, and a trap's
 * code offsets (a traced trap names frames only: offsets are the rewritten module's).
 */
function withoutWriters(record: StepRecord): StepRecord {
  const { writes: _w, writesDropped: _d, ...rest } = record;
  if (rest.grew) {
    const { by: _b, ...grew } = rest.grew;
    rest.grew = grew;
  }
  if (rest.error?.stack) rest.error = { ...rest.error, stack: rest.error.stack.map(({ offset: _o, ...frame }) => frame) };
  return rest;
}

/**
 * Why the replayed step `k` differs from the original, or null when it is the same.
 * `tracingSwitched`: one of the two runs traced writes and the other did not; writers are not compared.
 */
export function replayDifference(k: number, before: StepRecord | undefined, after: StepRecord, was: MemoryHistory, now: MemoryHistory, tracingSwitched = false): string | null {
  const key = (r: StepRecord) => recordKey(tracingSwitched ? withoutWriters(r) : r);
  if (!before || key(before) !== key(after)) return `step ${k + 1} (line ${after.line}) did not do the same again`;
  let a: SparseImage;
  let b: SparseImage;
  try {
    a = was.imageAt(k);
    b = now.imageAt(k);
  } catch {
    return null; // the first run's image of this step is no longer kept (history budget): records matched
  }
  return sameImage(a, b) ? null : `memory after step ${k + 1} (line ${after.line}) differs from the first run`;
}

function sameImage(a: SparseImage, b: SparseImage): boolean {
  if (a.size !== b.size) return false;
  const zero = (bytes: Uint8Array): boolean => bytes.every((x) => x === 0);
  const byIndex = new Map(b.blocks.map((x) => [x.index, x.bytes]));
  for (const block of a.blocks) {
    const other = byIndex.get(block.index);
    byIndex.delete(block.index);
    if (other ? Buffer.compare(block.bytes, other) !== 0 : !zero(block.bytes)) return false;
  }
  for (const rest of byIndex.values()) if (!zero(rest)) return false;
  return true;
}

/** Codes of a step whose worker was ended from outside the guest: Stop, a time limit, a crash. */
const WORKER_ENDED: ReadonlySet<ErrorCode> = new Set(['stopped', 'timeout', 'terminated']);

/**
 * The error of a replayed step that Stop, its time limit or a crash ended, when the first run's
 * step did not end so: that is not the guest doing something else (a divergence), and saying it
 * read the clock would send the user the wrong way.
 */
export function endedByReplay(first: StepRecord | undefined, replayed: StepRecord): MemscopeError | null {
  const error = replayed.error;
  if (!error || !WORKER_ENDED.has(error.code)) return null;
  return first?.error?.code === error.code ? null : error;
}
