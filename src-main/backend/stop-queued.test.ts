// Stop right after an edit (issue 13, item 16): the edit's reset is still starting the worker
// and a Run waits behind it. Stop must reach both: the run never starts its infinite loop. And
// requests take their turn in the order they arrive: a Run sent right after an edit (before its
// answer) runs the edited text, never the one before it.

import { describe, expect, it } from 'vitest';
import type { StepRecord } from '../shared/dto.ts';
import { backendsDisposedAfterEach, stepRecordsOf, value } from './testing.ts';

const newBackend = backendsDisposedAfterEach();

describe('Stop while an edit is being applied', () => {
  it('drops the run queued behind it, so the loop never runs', async () => {
    const h = newBackend({});
    const opened = await h.backend.openDemo({ id: 'infinite-loop' });
    if (!opened.ok) throw new Error(opened.error.message);
    const steps: StepRecord[] = [];
    h.onEvent((e) => steps.push(...stepRecordsOf(e)));
    const text = opened.value.sequence!.text.replace(/timeout \d+/, 'timeout 60000');
    const edited = h.backend.setSequence({ name: 'infinite-loop.wseq', text });
    const ran = h.backend.run({});
    const stopped = await h.backend.stop({});
    expect(stopped.ok).toBe(true);
    const run = await ran;
    expect(run.ok ? 'ran' : run.error.code).toBe('stopped');
    await edited;
    expect(steps).toEqual([]);
    const view = await h.backend.getSession({});
    expect(view.ok && view.value?.sequence?.text).toBe(text);
    expect(view.ok && view.value?.state).not.toBe('running');
  });
});

describe('a run sent right after an edit, before its answer', () => {
  it('runs the edited text: the edit takes its turn when it arrives, not after stopping', async () => {
    const h = newBackend({});
    const opened = await h.backend.openDemo({ id: 'infinite-loop' });
    if (!opened.ok) throw new Error(opened.error.message);
    const lines: number[] = [];
    h.onEvent((e) => lines.push(...stepRecordsOf(e).map((r) => r.line)));
    // The edited text ends before the infinite loop: six steps, all green.
    const text = opened.value.sequence!.text.replace(/^spin\(\)$/m, '');
    const edited = h.backend.setSequence({ name: 'infinite-loop.wseq', text });
    const ran = await h.backend.run({});
    expect(await edited).toEqual({ ok: true, value: null });
    expect(ran.ok && ran.value).toEqual({ ran: 6 });
    const view = value(await h.backend.getSession({}))!;
    expect(view).toMatchObject({ state: 'done', nextStep: 6 });
    expect(view.sequence?.stepLines.length).toBe(6);
    expect(lines).toEqual(view.sequence!.stepLines);
  });
});
