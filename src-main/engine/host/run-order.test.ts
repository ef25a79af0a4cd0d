// A run's facts reach the session's listeners in the order they happened: each step's guest
// output before its own record and after the records of the steps before it (step records go
// through the step ring, output by message; neither may overtake the other).

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { example, openSessionsDisposedAfterEach } from './test-helpers.ts';

const open = openSessionsDisposedAfterEach();

describe('Session.run event order', () => {
  it('a step that prints: its output comes after the earlier steps records and before its own', async () => {
    const wseq = readFileSync(resolve(example('print-builtin'), '../print-builtin.wseq'), 'utf8');
    // Twice, so printing steps follow a step that printed and steps that did not.
    const session = await open(example('print-builtin'), { sequence: `${wseq}\n${wseq.replace(/^(module|import) .*$/gm, '')}` });
    const events: string[] = [];
    const decoder = new TextDecoder();
    session.on('output', (chunk) => events.push(`out ${decoder.decode(chunk.bytes)}`));
    session.on('step', (record) => events.push(`step ${record.index}`));
    const records = await session.run();
    expect(records.every((r) => r.ok)).toBe(true);
    // What happened, from the records alone: each builtin print of a step, then the step.
    const expected = records.flatMap((r) => [
      ...r.calls.flatMap((c) => c.imports).filter((i) => i.binding === 'builtin').map((i) => `out ${JSON.parse(i.summary.slice(i.summary.indexOf('(') + 1, -1)) as string}`),
      `step ${r.index}`,
    ]);
    expect(expected.filter((e) => e.startsWith('out')).length).toBe(6);
    expect(events).toEqual(expected);
  });
});
