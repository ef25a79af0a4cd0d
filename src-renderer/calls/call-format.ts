// Text and targets for call log rows: durations, call lines, and the memory a row should jump to.

import { MAX_EXACT_RANGES, type CallRecord, type ImportCallRecord, type Region, type StepRecord, type WatchHit } from '../../src-main/shared/dto.ts';
import { formatCallExpr, formatCallValue, formatValue, formatValues, type KnownAddress } from '../../src-main/shared/value-format.ts';
import { blocksHolding } from '../../src-main/shared/explain.ts';
import { EXACT_READ_LIMIT } from '../memory/exact-changes.ts';
import { lastWriteStart } from '../../src-main/shared/watch-hits.ts';
import { revealAfter, type RevealStep } from '../../src-main/shared/reveal.ts';

export function formatDuration(ms: number): string {
  if (ms < 1) return `${Math.round(ms * 1000)} µs`;
  if (ms < 1000) return `${ms < 10 ? ms.toFixed(2) : ms.toFixed(1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/**
 * The step row's note of what changed, and its tooltip: a step whose changes were too scattered
 * to keep exactly says so, and how the grid marks them (exact-changes.ts).
 */
export function changeText(step: Pick<StepRecord, 'changedBytes' | 'changes' | 'changesCoarse' | 'grew'>): { text: string; title?: string } {
  const grew = step.grew ? ` · +${step.grew.toPages - step.grew.fromPages} pages` : '';
  if (step.changedBytes === 0) return { text: grew.slice(3) };
  if (!step.changesCoarse) return { text: `${step.changedBytes} B changed${grew}` };
  const blocks = blocksHolding(step.changes);
  return {
    text: `${step.changedBytes} B changed in ${blocks} blocks${grew}`,
    title: `Over ${MAX_EXACT_RANGES.toLocaleString('en')} separate changed ranges, too many to keep one by one: the step keeps the ${blocks} blocks of 4 KiB that hold these ${step.changedBytes} bytes. The grid marks the exact bytes, read from memory before and after the step, when those blocks total ${EXACT_READ_LIMIT / 1048576} MiB or less, and the whole blocks otherwise.`,
  };
}

/**
 * A step's capture time for its row (`capture 42 µs`), or null when it captured nothing: the
 * CLI's `[capture … ms]`, apart from the guest's call durations and its time limit.
 */
export function captureText(step: Pick<StepRecord, 'captureMs'>): string | null {
  return step.captureMs === undefined ? null : `capture ${formatDuration(step.captureMs)}`;
}

/**
 * `ReturnString(1024) → ()`, `greeting(1040, 6) → 4467570830351532032`; `free(0x10620) → ()`
 * where `known` says 0x10620 is an address (known-addresses.ts).
 */
export function callText(call: Pick<CallRecord, 'export' | 'args' | 'results' | 'error'>, known: KnownAddress = null): string {
  // A watch's stop is a pause inside the call (‖), not a failure (✗).
  const results = call.error ? (call.error.code === 'watchpoint' ? '‖' : '✗') : call.results.length === 1 ? formatCallValue(call.results[0]!, known) : `(${formatValues(call.results, known)})`;
  return `${formatCallExpr(call.export, call.args, known)} → ${results}`;
}

/** A result this long or shorter stays on one line with its arrow (`→ ()`, `→ 0x10620`); a longer one may wrap. */
const SHORT_RESULT = 16;

/**
 * A call's text in the pieces a narrow column may wrap between (the call log puts a <wbr> between
 * them, which adds no text to copy): after `(` and `,`, never inside a function's name, and
 * before a short result's arrow, which stays with its result. Splitting after every `(` once
 * broke `_initialize() → ()` as `_initialize() → (` and `)`, and `malloc(8) →` lost its result to
 * the next line. `last` is true when the final piece is such an arrow and result, to keep whole.
 */
export function wrapPieces(text: string): { pieces: string[]; last: boolean } {
  const arrow = text.lastIndexOf(' → ');
  const tail = arrow >= 0 ? text.slice(arrow + 1) : '';
  const keep = tail !== '' && tail.length - 2 <= SHORT_RESULT;
  const head = keep ? text.slice(0, arrow + 1) : text;
  // After `(` unless `)` follows (`()` is one piece), and after `,`.
  const pieces = head.split(/(?<=\((?!\))|,)/);
  return keep ? { pieces: [...pieces, tail], last: true } : { pieces, last: false };
}

/** An import call's one-line text: its decoded summary, else `module.name(args) → results`. */
export function importText(imp: ImportCallRecord): string {
  if (imp.summary) return imp.summary;
  return `${imp.name}(${formatValues(imp.args)}) → ${formatValues(imp.results) || '()'}`;
}

/** The first range a call's imports touched (fd_write's buffer), or null. */
export function importsTouched(call: CallRecord): [number, number] | null {
  for (const imp of call.imports) if (imp.touched && imp.touched.length > 0) return imp.touched[0];
  return null;
}

/**
 * Memory a call row points at: the first range its imports touched, else what stepping onto its
 * step shows (revealAfter's rule): the region it made (after `malloc(8)`, the 8 new bytes, not
 * the allocator's bookkeeping it wrote first), else its first change inside a region, else its
 * first change. None for `_initialize`. `step.changes`: exact ones for a step kept in 4 KiB blocks.
 */
export function callTarget(call: CallRecord, step: RevealStep | null, regions: readonly Region[]): [number, number] | null {
  const touched = importsTouched(call);
  if (touched || !step) return touched;
  // An empty view: nothing counts as in view already.
  const at = revealAfter(step, regions, 0, 0);
  if (at === null) return null;
  const made = regions.find((r) => r.createdStep === step.index && r.start === at && r.size > 0);
  if (made) return [at, at + made.size];
  const change = step.changes.find(([a]) => a === at);
  return change ? [change[0], change[1]] : [at, at + 1];
}

export function importTarget(imp: ImportCallRecord): [number, number] | null {
  return imp.touched?.[0] ?? null;
}


/**
 * The watch hits a step's row draws: its first `limit` (`first`), and, when the step stopped at
 * a watch, the stop's write too (`stop`: its last hits, one per watch it wrote), so what the
 * pause is about is never among the `hidden` ones between them.
 */
export function hitsDrawn(step: Pick<StepRecord, 'watchHits' | 'error'>, limit: number): { first: WatchHit[]; hidden: number; stop: WatchHit[] } {
  const hits = step.watchHits ?? [];
  if (hits.length <= limit) return { first: hits, hidden: 0, stop: [] };
  const from = step.error?.code === 'watchpoint' ? Math.max(lastWriteStart(hits), limit) : hits.length;
  return { first: hits.slice(0, limit), hidden: from - limit, stop: hits.slice(from) };
}
