// An edit that arrives while a step runs, maybe from another page on the same session (the web
// shell's tabs share one). A typing pause's edit (`whenIdle`) is refused with 'busy' instead of
// ending the step: applied, its fresh run ended the other page's step and replayed only the
// steps the editing page knew of, and that step and its output were gone, unsaid. An edit applied
// on purpose still stops the step, and the step's own request then says so.

import { describe, expect, it } from 'vitest';
import type { BackendHandle } from './handle.ts';
import { backendsDisposedAfterEach, stateAfter, value } from './testing.ts';

const newBackend = backendsDisposedAfterEach();

/** The infinite-loop demo with every step up to spin() run; its time limit a minute, so spin() runs until stopped. */
async function beforeSpin(): Promise<{ h: BackendHandle; text: string }> {
  const h = newBackend({});
  const opened = value(await h.backend.openDemo({ id: 'infinite-loop' }));
  const text = opened.sequence!.text.replace(/timeout \d+/, 'timeout 60000');
  value(await h.backend.setSequence({ name: 'infinite-loop.wseq', text }));
  const steps = value(await h.backend.getSession({}))!.sequence!.stepLines.length;
  value(await h.backend.runToLine({ line: value(await h.backend.getSession({}))!.sequence!.stepLines[steps - 1]! }));
  return { h, text };
}

/** Sends F10 on spin() and waits until it runs (a single step sends no "running" event at once; the view says so). */
async function spin(h: BackendHandle): Promise<{ step: ReturnType<BackendHandle['backend']['step']> }> {
  const step = h.backend.step({});
  while (value(await h.backend.getSession({}))!.state !== 'running') await new Promise((r) => setTimeout(r, 10));
  return { step };
}

/** Whether the promise has settled by now (after the events already queued have run). */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(() => (done = true));
  await new Promise((r) => setImmediate(r));
  return done;
}

describe('an edit from a typing pause (whenIdle) while a step runs', () => {
  it("is refused as 'busy' and the step goes on", async () => {
    const { h, text } = await beforeSpin();
    const at = value(await h.backend.getSession({}))!.nextStep;
    const { step: spinning } = await spin(h);
    const edit = await h.backend.setSequence({ name: 'infinite-loop.wseq', text: `${text}# a note\n`, whenIdle: { nextStep: at } });
    expect(edit.ok ? 'applied' : edit.error.code).toBe('busy');
    expect(await settled(spinning)).toBe(false);
    expect(value(await h.backend.getSession({}))!.sequence!.text).toBe(text);
    await h.backend.stop({});
    expect(value(await spinning).ran).toBe(1);
    expect(value(await h.backend.getSession({}))!.nextStep).toBe(at + 1);
  });

  it('is refused when the page has not seen a step that ran, and applied once it has', async () => {
    const h = newBackend({});
    const opened = value(await h.backend.openDemo({ id: 'infinite-loop' }));
    value(await h.backend.step({}));
    const text = `${opened.sequence!.text}# a note\n`;
    const stale = await h.backend.setSequence({ name: 'infinite-loop.wseq', text, whenIdle: { nextStep: 0 } });
    expect(stale.ok ? 'applied' : stale.error.code).toBe('busy');
    const applied = await stateAfter(h, h.backend.setSequence({ name: 'infinite-loop.wseq', text, whenIdle: { nextStep: 1 } }));
    expect(applied.sequence!.text).toBe(text);
  });
});

describe('an edit applied on purpose while a step runs', () => {
  it("stops the step, whose request says an edit stopped it", async () => {
    const { h, text } = await beforeSpin();
    const { step: spinning } = await spin(h);
    value(await h.backend.setSequence({ name: 'infinite-loop.wseq', text: `${text}# a note\n` }));
    const step = await spinning;
    expect(step.ok ? 'answered ok' : step.error.code).toBe('stopped');
    expect(step.ok ? '' : step.error.message).toMatch(/^step \d+ \(line \d+\) was stopped: the sequence was edited while it ran/);
  });

  it('leaves a step ended by Stop answered as before, with the state after it', async () => {
    const { h } = await beforeSpin();
    const { step: spinning } = await spin(h);
    await h.backend.stop({});
    expect((await spinning).ok).toBe(true);
  });
});

// Reset and an open from another page ended a step as an edit did: answered as a step that ran,
// the fresh view that came next took it off that page, unsaid. (The page that asked for the
// reset or the open hides its own step's 'stopped': SessionStore.endedByReset.)
describe('a reset or an open while a step runs', () => {
  it("stops the step, whose request says the run was reset", async () => {
    const { h } = await beforeSpin();
    const { step: spinning } = await spin(h);
    value(await h.backend.reset({}));
    const step = await spinning;
    expect(step.ok ? 'answered ok' : step.error.code).toBe('stopped');
    expect(step.ok ? '' : step.error.message).toMatch(/^step \d+ \(line \d+\) was stopped: the run was reset while it ran \(in this page or in another one/);
  });

  it('stops the step, whose request says another module was opened', async () => {
    const { h } = await beforeSpin();
    const { step: spinning } = await spin(h);
    value(await h.backend.openDemo({ id: 'c-struct' }));
    const step = await spinning;
    expect(step.ok ? 'answered ok' : step.error.code).toBe('stopped');
    expect(step.ok ? '' : step.error.message).toMatch(/^step \d+ \(line \d+\) was stopped: another module was opened in its place/);
  });
});

describe('setSequence whenIdle', () => {
  it('must be {nextStep} with a step count', async () => {
    const h = newBackend({});
    const r = await h.backend.setSequence({ name: 's.wseq', text: '', whenIdle: { nextStep: -1 } });
    expect(r.ok ? 'ok' : r.error.code).toBe('usage');
  });
});
