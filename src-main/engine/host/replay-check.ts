// Checks that a replay (stepping back) reproduced what the first run did: the same step records
// (durations aside) and the same memory after every step. A difference is reported, never hidden;
// a replayed step that Stop, its time limit or a crash ended is reported as that, not as a difference.

import { TIMING_KEYS, type ErrorCode, type MemscopeError, type StepRecord } from '../../shared/dto.ts';
import type { MemoryHistory } from '../memory/memory-history.ts';

/** A record as text with every measured time zeroed: what must match between two runs of a step. */
export function recordKey(record: StepRecord): string {
  return JSON.stringify(record, (key, value: unknown) => (TIMING_KEYS.has(key) ? 0 : value));
}

/**
 * The record without what write tracing changes: the writers, who grew memory, a trap's code
 * offsets (a traced trap names frames only: offsets are the rewritten module's), and the watch
 * hits: watches act only in a traced module, so one run of the step saw them and the other did
 * not (turning tracing off after a live watch's hit was reported as the guest reading the clock).
 */
function withoutWriters(record: StepRecord): StepRecord {
  const { writes: _w, writesDropped: _d, watchHits: _h, watchHitsDropped: _hd, hitBlocks: _hb, watchesEnded: _e, ...rest } = record;
  if (rest.grew) {
    const { by: _b, ...grew } = rest.grew;
    rest.grew = grew;
  }
  if (rest.error?.stack) rest.error = { ...rest.error, stack: rest.error.stack.map(({ offset: _o, ...frame }) => frame) };
  return rest;
}

/**
 * Checks a replay against the first run, one step at a time in order: the same record (durations
 * aside) and the same memory after it. Memory is compared whole at the first step, after memory
 * changed between steps (an interlude) and after a step whose first-run image is no longer kept
 * (the history budget); otherwise only what the step changed, its ranges and their bytes: when
 * memory before a step was the same and the step wrote the same bytes, memory after it is the
 * same. Comparing whole images at every step made stepping back quadratic: 10,000 steps took
 * 23 s, rebuilding each image from compressed history, against 1 s of running them.
 */
export class ReplayCheck {
  private whole = true;

  /** `tracingSwitched`: one of the two runs traced writes and the other did not; writers are not compared. */
  constructor(private readonly was: MemoryHistory, private readonly now: MemoryHistory, private readonly tracingSwitched = false) {}

  /** Memory may have changed between steps (an interlude ran): the next step compares it whole. */
  interlude(): void {
    this.whole = true;
  }

  /** Why the replayed step `k` differs from the original, or null when it is the same. */
  step(k: number, before: StepRecord | undefined, after: StepRecord): string | null {
    const key = (r: StepRecord) => recordKey(this.tracingSwitched ? withoutWriters(r) : r);
    if (!before || key(before) !== key(after)) return `step ${k + 1} (line ${after.line}) did not do the same again`;
    let same: boolean | null;
    try {
      same = this.whole ? this.sameImage(k) : this.sameChanges(k);
    } catch {
      same = null; // a step a history does not hold (one that ended its worker left no image)
    }
    // Not kept: the records matched, and the next step kept is compared whole.
    this.whole = same === null;
    return same === false ? `memory after step ${k + 1} (line ${after.line}) differs from the first run` : null;
  }

  /** Memory after step k is the same in both runs; null when the first run's is no longer kept. */
  private sameImage(k: number): boolean | null {
    if (!this.was.isExact(k)) return null;
    const a = this.was.imageAt(k);
    const b = this.now.imageAt(k);
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

  /** Step k changed the same ranges to the same bytes in both runs; null when the first run's are no longer kept. */
  private sameChanges(k: number): boolean | null {
    if (!this.was.isExact(k)) return null;
    const a = this.was.changesAt(k);
    if (this.was.sizeAt(k) !== this.now.sizeAt(k) || JSON.stringify(a) !== JSON.stringify(this.now.changesAt(k))) return false;
    for (const [start, end] of a.ranges) {
      // A step may rewrite hundreds of MiB: read a MiB at a time.
      for (let at = start; at < end; at += CHUNK) {
        const length = Math.min(CHUNK, end - at);
        const x = this.was.read(at, length, k);
        const y = this.now.read(at, length, k);
        if (!x.ok) return null;
        if (!y.ok || Buffer.compare(x.value, y.value) !== 0) return false;
      }
    }
    return true;
  }
}

const CHUNK = 1024 * 1024;

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
