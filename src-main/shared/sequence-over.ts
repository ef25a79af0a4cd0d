// Whether a session's sequence has run to its end: one rule for the app (the call log and the
// Heap panel call what it allocated and kept leaks), the backend (which then asks for the leak
// scan) and the DAP (which then prints the heap's last word).

import type { SessionState } from './dto.ts';

/**
 * Every step has run, the last one maybe failing, or the guest exited (proc_exit: no step after
 * it can run, so nothing it kept will be freed, whatever its code). `steps`: how many the
 * sequence has, null without a sequence (nothing to be over). A step that failed part way is not
 * the end: the steps left may free what the earlier ones allocated, so it is not leaked yet. Nor
 * is a pause at a watch's stop ('paused' once the last step has begun): the call has not
 * returned, and a block only its locals hold is freed a line later.
 */
export function sequenceOver(state: SessionState, nextStep: number, steps: number | null, exited: boolean): boolean {
  return state === 'done' || exited || (state !== 'paused' && steps !== null && nextStep >= steps);
}
