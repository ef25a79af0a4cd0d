// A run going on after a watch's stop replays the paused step from a fresh worker; the deltas
// pushed meanwhile must not carry the step count from inside that replay: the page cuts its list
// of steps to each delta's nextStep, and a later step event then left holes in it (the page threw
// on them, seen under load in CI). Whether a delta fell inside the replay was a matter of timing;
// the engine's live-watches test pins the cause (Session.replaying covers the whole replay), this
// one the events a page gets, over a real c-struct session through the backend.
import { expect, it } from 'vitest';
import { backendsDisposedAfterEach, openCStruct, stateAfter, stepRecordsOf, value } from './testing.ts';

const newBackend = backendsDisposedAfterEach();

it("going on after a watch's stop: every delta and step event follows on from the steps the page holds", async () => {
  const h = newBackend({});
  // Four steps before the stopping call, so its replay has steps to be in the middle of.
  await openCStruct(h, 'p = malloc(32)\nq = malloc(8)\nr = malloc(8)\nwatch y @ p + 4 [4] stop\npoint_init(p, 3, 4, 7)\nd = point_manhattan(p)\n');
  // The page's list of steps, kept as it keeps it: cut to a delta's nextStep, a step put at its index.
  let held = 0;
  const problems: string[] = [];
  h.onEvent((e) => {
    if (e.name === 'delta') held = Math.min(held, e.payload.nextStep);
    for (const record of stepRecordsOf(e)) {
      if (record.index > held) problems.push(`step ${record.index} came when the page held ${held}`);
      held = record.index + 1;
    }
  });
  value(await h.backend.run({}));
  expect(value(await h.backend.getSession({}))?.pausedInStep).toBe(4);
  // point_init writes y once: going on runs its step again, then the run ends.
  expect((await stateAfter(h, h.backend.run({}))).state).toBe('done');
  // Back before it (a fresh view, which the page takes whole), paused at it again, and on.
  value(await h.backend.stepBack({ to: 4 }));
  held = 4;
  expect((await stateAfter(h, h.backend.run({}))).pausedInStep).toBe(4);
  expect((await stateAfter(h, h.backend.run({}))).state).toBe('done');
  expect(problems).toEqual([]);
});
