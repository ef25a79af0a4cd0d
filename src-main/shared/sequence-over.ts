// Whether a session's sequence has run to its end: one rule for the app (the call log and the
// Heap panel call what it allocated and kept leaks), the backend (which then asks for the leak
// scan) and the DAP (which then prints the heap's last word).

import type { SessionState } from './dto.ts';

/**
 * Every step has run, the last one maybe failing. `steps`: how many the sequence has, null
 * without a sequence (nothing to be over).
 */
export function sequenceOver(state: SessionState, nextStep: number, steps: number | null): boolean {
  return state === 'done' || (steps !== null && nextStep >= steps);
}
