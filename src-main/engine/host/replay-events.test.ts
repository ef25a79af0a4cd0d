// Stepping back replays the steps so far in a fresh worker (SessionReplay over SessionCore): the
// replayed steps and their output were shown already, so the session's listeners hear only the
// state going to 'running' and back; steps run after it are heard again as usual.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { example, openSessionsDisposedAfterEach } from './test-helpers.ts';

const open = openSessionsDisposedAfterEach();

describe('a replay is quiet', () => {
  it('stepBack emits no step or output events, only its states; the next step is heard', async () => {
    const wseq = readFileSync(resolve(example('print-builtin'), '../print-builtin.wseq'), 'utf8');
    const session = await open(example('print-builtin'), { sequence: wseq });
    const records = await session.run();
    expect(records.length).toBeGreaterThan(2);
    const printed = records.filter((r) => r.calls.some((c) => c.imports.some((i) => i.binding === 'builtin')));
    expect(printed.some((r) => r.index < records.length - 1)).toBe(true);
    const events: string[] = [];
    session.on('output', () => events.push('output'));
    session.on('step', (r) => events.push(`step ${r.index}`));
    session.on('state', (s) => events.push(`state ${s}`));
    // Back to before the last step: every step but that one is replayed, the printing ones too.
    expect(await session.stepBack()).toEqual({ ok: true, value: null });
    expect(events).toEqual(['state running', 'state paused']);
    expect(session.nextStep).toBe(records.length - 1);
    const again = await session.step();
    expect(again?.ok).toBe(true);
    expect(events.filter((e) => e.startsWith('step'))).toEqual([`step ${records.length - 1}`]);
  });
});
