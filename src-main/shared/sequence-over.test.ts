import { describe, expect, it } from 'vitest';
import { sequenceOver } from './sequence-over.ts';

describe('sequenceOver', () => {
  it('is over when every step ran, the last maybe failing, and never without a sequence', () => {
    expect(sequenceOver('done', 10, 10)).toBe(true);
    expect(sequenceOver('failed', 10, 10)).toBe(true); // the last step failed
    expect(sequenceOver('failed', 4, 10)).toBe(false); // a step part way failed: the rest never ran
    expect(sequenceOver('paused', 3, 10)).toBe(false);
    expect(sequenceOver('ready', 0, null)).toBe(false);
    expect(sequenceOver('ready', 0, 0)).toBe(true); // an empty sequence has nothing left to run
  });
});
