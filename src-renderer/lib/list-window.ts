// How many rows a long list draws at once: the call log's steps and the memory picker's (the
// latest), the freed regions and the heap's blocks; each has a button that draws more. A page
// that drew every step of a 10,000-step run spent most of the run restyling them: the call log's
// rows, and the picker's options (each added option made Chromium rebuild the select's list).

export const LIST_WINDOW = 400;

/** How many of a run's latest steps the call log draws while the run goes on (CallLog says why). */
export const RUNNING_WINDOW = 40;

/**
 * How many of a step's write records, watch hits and heap lines (allocations, frees, resizes)
 * its row draws at first (a step keeps up to 1,000 hits, and a guest loop may allocate 10,000
 * blocks in one step: each drawn would make the log crawl); each list has a button that draws more.
 */
export const STEP_ROWS = 20;
