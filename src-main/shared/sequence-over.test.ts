import { describe, expect, it } from 'vitest';
import { sequenceOver } from './sequence-over.ts';

describe('sequenceOver', () => {
  it('is over when every step ran, the last maybe failing, and never without a sequence', () => {
    expect(sequenceOver('done', 10, 10, false)).toBe(true);
    expect(sequenceOver('failed', 10, 10, false)).toBe(true); // the last step failed
    expect(sequenceOver('failed', 4, 10, false)).toBe(false); // a step part way failed: the rest never ran
    expect(sequenceOver('paused', 3, 10, false)).toBe(false);
    expect(sequenceOver('ready', 0, null, false)).toBe(false);
    expect(sequenceOver('ready', 0, 0, false)).toBe(true); // an empty sequence has nothing left to run
  });

  it('is over when the guest exited, whatever its code: no step after proc_exit can run', () => {
    expect(sequenceOver('failed', 2, 3, true)).toBe(true); // proc_exit(3) on step 2 of 3
    expect(sequenceOver('failed', 2, 3, false)).toBe(false);
  });

  it('is not over at a watch stop inside the last step: its call has not returned', () => {
    expect(sequenceOver('paused', 3, 3, false)).toBe(false); // nextStep counts the paused step
  });
});
