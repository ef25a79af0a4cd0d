// A new sequence text that runs the same (a bookmark or a note added below the steps) keeps the
// run as it is; one that changes a step, or a directive, resets it as before.

import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { example, openSessionsDisposedAfterEach } from './test-helpers.ts';

const open = openSessionsDisposedAfterEach();
const dir = dirname(example('return-string'));
const text = readFileSync(example('return-string').replace(/\.wasm$/, '.wseq'), 'utf8');

describe('setSequence', () => {
  it('keeps the run when only bookmark or comment lines were added below the steps', async () => {
    const session = await open(example('return-string'), { sequence: text });
    await session.step();
    await session.step();
    const records = session.steps;
    const marked = `${text}bookmark "ret slot" @ 0x10620 [8] green\n# a note\n`;
    expect((await session.setSequence(marked, 'test.wseq', dir)).ok).toBe(true);
    expect(session.sequenceErrors).toEqual([]);
    expect(session.nextStep).toBe(2);
    // The same records, not equal ones from a rerun (Session.steps is a new array each time).
    expect(session.steps.every((r, i) => r === records[i])).toBe(true);
    expect(session.bookmarks).toEqual([{ name: 'ret slot', start: 0x10620, size: 8, colour: 'green', line: text.split('\n').length }]);
    // The kept run goes on from where it was.
    expect((await session.step())?.ok).toBe(true);
    expect(session.nextStep).toBe(3);
  });

  it('resets when a step or a directive changed', async () => {
    const session = await open(example('return-string'), { sequence: text });
    await session.step();
    await session.setSequence(text.replace('free(ret)', 'free(ret)  '), 'test.wseq', dir);
    expect(session.nextStep).toBe(0);
    await session.step();
    await session.setSequence(`deterministic\n${text}`, 'test.wseq', dir);
    expect(session.nextStep).toBe(0);
  });
});
