// The engine session owns the facts the shells show: the sequence's name and text, and the
// breakpoints run() pauses before (kept across a new sequence).
import { describe, expect, it } from 'vitest';
import { example, openSessionsDisposedAfterEach } from './test-helpers.ts';

const open = openSessionsDisposedAfterEach();

describe('Session owns sequence and breakpoints', () => {
  it('names its sequence and pauses before its own breakpoints', async () => {
    const session = await open(example('return-string'), { sequence: 'ret = malloc(8)\nret2 = malloc(8)\nfree(ret)\n' });
    expect(session.sequenceText).toBe('ret = malloc(8)\nret2 = malloc(8)\nfree(ret)\n');
    expect(session.sequenceName).toBe('test.wseq');
    session.setBreakpoints([3, 3, 0, 2.5]);
    expect(session.breakpoints).toEqual([3]);
    expect((await session.run()).map((r) => r.line)).toEqual([1, 2]);
    expect((await session.setSequence({ text: 'a = malloc(1)\nb = malloc(1)\nfree(a)\n', file: 'x.wseq' })).ok).toBe(true);
    expect(session.sequenceName).toBe('x.wseq');
    expect(session.breakpoints).toEqual([3]);
    expect((await session.run()).map((r) => r.line)).toEqual([1, 2]);
  });
});
