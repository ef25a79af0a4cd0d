// How many rows a long list draws at once: the call log's steps and the memory picker's (the
// latest), the freed regions and the heap's blocks; each has a button that draws more. A page
// that drew every step of a 10,000-step run spent most of the run restyling them: the call log's
// rows, and the picker's options (each added option made Chromium rebuild the select's list).

import { count } from '../../src-main/shared/count.ts';

export const LIST_WINDOW = 400;

/** How many of a run's latest steps the call log draws while the run goes on (CallLog says why). */
export const RUNNING_WINDOW = 40;

/**
 * How many of a step's write records, watch hits and heap lines (allocations, frees, resizes)
 * its row draws at first (a step keeps up to 1,000 hits, and a guest loop may allocate 10,000
 * blocks in one step: each drawn would make the log crawl); each list has a button that draws more.
 */
export const STEP_ROWS = 20;

/** The steps a list draws, `from` up to (not including) `to`. */
export interface Span { from: number; to: number }

/**
 * The LIST_WINDOW steps drawn around step `index` of `length` (the call log's Go to step): it
 * grew the latest-steps window back to the step, so going to step 2 of 10,000 drew 9,999 rows
 * (ten seconds of the page's work). Centred on the step, shifted at either end to stay whole.
 */
export function spanAround(index: number, length: number): Span {
  const from = Math.max(0, Math.min(index - LIST_WINDOW / 2, length - LIST_WINDOW));
  return { from, to: Math.min(length, from + LIST_WINDOW) };
}

/**
 * A "Show more" button's words: `Show 400 earlier steps (9600 not shown)`, one form when one
 * row is (`Show 1 earlier step (1 not shown)`). `one` is `what`'s singular; words without one
 * ("older", "more") stay as they are.
 */
export function showMoreText(hidden: number, what: string, one = what): string {
  return `Show ${count(Math.min(hidden, LIST_WINDOW), one, what)} (${hidden} not shown)`;
}
