// The heap as walked right after each step, for the steps whose walk came anyway (a step asked
// with `heap: true`, the heap asked for after the last step): "the heap after step N" answered
// exactly, for every page and after a reload, at no extra walk. Bounded: a summary of a leaking
// loop holds thousands of blocks, so the oldest walks are let go past a budget of entries, and a
// step whose walk was let go says so rather than read as never walked.

import type { HeapSummary, Result } from '../../shared/dto.ts';

/**
 * Entries (blocks, free chunks, headers, bands, typed blocks, references) kept over all steps:
 * ~100 bytes each as objects, so about 10 MB; the heap panel stepped with F10 through a demo
 * holds a few dozen per step.
 */
export const HEAP_ENTRIES_KEPT = 100_000;

export class StepHeaps {
  /** Step index (-1: before the first step) to its walk, oldest kept first. */
  private kept = new Map<number, { summary: HeapSummary; entries: number }>();
  private entries = 0;
  /** Steps whose walk was let go for the budget (not kept again since). */
  private dropped = new Set<number>();

  constructor(private readonly budget = HEAP_ENTRIES_KEPT) {}

  /** The heap walked right after `step` (a later walk of the same step, say after a watch's stop, replaces it). */
  keep(step: number, summary: HeapSummary): void {
    this.forget(step);
    this.dropped.delete(step);
    const entries = entriesOf(summary);
    this.kept.set(step, { summary, entries });
    this.entries += entries;
    for (const [oldest] of this.kept) {
      if (this.entries <= this.budget) break;
      this.forget(oldest);
      this.dropped.add(oldest);
    }
  }

  /**
   * Takes over `earlier`'s walks (and let-go marks) of the steps before `to`: a replay that
   * matched the first run step by step, record and memory, left the same heap after each of
   * them, so stepping back keeps what F10 walked instead of saying it was never walked.
   */
  carryFrom(earlier: StepHeaps, to: number): void {
    for (const [step, held] of earlier.kept) if (step < to) this.keep(step, held.summary);
    for (const step of earlier.dropped) if (step < to && !this.kept.has(step)) this.dropped.add(step);
  }

  /** The heap as it was right after `step` (0-based), or why it is not known. */
  at(step: number): Result<HeapSummary> {
    const held = this.kept.get(step);
    if (held) return { ok: true, value: held.summary };
    const message = this.dropped.has(step)
      ? `the heap after step ${step + 1} was let go to bound memory (the walks of the latest steps are kept, ${this.budget} blocks and chunks in all)`
      : `the heap was not walked after step ${step + 1} (the steps of a run are not walked; step one at a time with the heap shown to keep each step's heap)`;
    return { ok: false, error: { code: 'usage', message } };
  }

  private forget(step: number): void {
    const held = this.kept.get(step);
    if (!held) return;
    this.kept.delete(step);
    this.entries -= held.entries;
  }
}

/** What a summary holds, counted in list entries: what its memory grows with. */
function entriesOf(s: HeapSummary): number {
  return s.live.length + s.leaks.length + (s.stillReachable?.length ?? 0) + s.free.length + s.headers.length + s.map.length
    + (s.typedBlocks?.length ?? 0) + (s.pointedTo?.length ?? 0) + (s.pointedInto?.length ?? 0) + (s.pointedFromStatic?.length ?? 0);
}
