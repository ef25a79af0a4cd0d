// Session.reverseContinue paused at a watch's stop after the live set changed at a pause: the
// stops already made in the step were made under different sets, and going back to an earlier
// write of it lets each set's stops pass under that set (testdata/watch-sets/bump.c, clang -O0).

import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { openSessionsDisposedAfterEach } from './test-helpers.ts';
import { stopLocals } from '../../shared/frame-locals.ts';
import type { Session } from './session.ts';

const open = openSessionsDisposedAfterEach();
const BUMP = resolve(import.meta.dirname, 'testdata/watch-sets/bump.wasm');

/** The stop as `watch 'NAME' was written by …: OLD → NEW`, the writer's offset left out. */
function said(session: Session): string {
  const m = /^watch '([^']+)' was written by \S+ \(bump\.c:(\d+):\d+\): (.+) at 0x/.exec(session.lastRecord?.error?.message ?? '');
  return m ? `${m[1]} line ${m[2]}: ${m[3]}` : `not a stop: ${session.lastRecord?.error?.message ?? 'ok'}`;
}

it('goes back to each earlier write of the step paused in, whichever watch set made its stop', async () => {
  const session = await open(BUMP, { sequence: 'watch tot @ &total [8] stop\nbump(3)\n', config: { deterministic: true } });
  // Turn 0: total.a += 0 (a write of the same value) stops first, under the sequence's watch alone.
  expect((await session.run()).at(-1)?.error?.code).toBe('watchpoint');
  expect(said(session)).toBe('tot line 9: 00 00 00 00 → 00 00 00 00');
  // A watch on the local i (the Locals pane's "break"): from here on its writes stop too.
  const i = stopLocals(session.info, session.lastRecord)!.variables.find((v) => v.name === 'i')!;
  expect(await session.setWatches([{ name: 'i', address: i.address, size: 4, stop: true, frameStep: session.pausedInStep! }])).toEqual({ ok: true, value: null });
  const forward: string[] = [];
  for (let k = 0; k < 4; k++) {
    await session.step();
    forward.push(said(session));
  }
  expect(forward).toEqual([
    'tot line 10: 00 00 00 00 → 00 00 00 00',
    'i line 8: 00 00 00 00 → 01 00 00 00',
    'tot line 9: 00 00 00 00 → 01 00 00 00',
    'tot line 10: 00 00 00 00 → 02 00 00 00',
  ]);
  // Back write by write that changed a watched byte: total.a 0→1, then i 0→1 (the writes of the
  // same value pass), then the start: i = 0 ran before i was watched, so it is no write to go to.
  const back: string[] = [];
  for (let r = await session.reverseContinue(0); r.ok && r.value.watch && back.length < 4; r = await session.reverseContinue(0)) back.push(said(session));
  expect(back).toEqual([
    'tot line 9: 00 00 00 00 → 01 00 00 00',
    'i line 8: 00 00 00 00 → 01 00 00 00',
  ]);
  expect(session.nextStep).toBe(0);
}, 120_000);

it('going on from a write it went back to passes the stops before it under their own sets', async () => {
  const session = await open(BUMP, { sequence: 'watch tot @ &total [8] stop\nbump(3)\n', config: { deterministic: true } });
  await session.run();
  const i = stopLocals(session.info, session.lastRecord)!.variables.find((v) => v.name === 'i')!;
  expect((await session.setWatches([{ name: 'i', address: i.address, size: 4, stop: true, frameStep: session.pausedInStep! }])).ok).toBe(true);
  for (let k = 0; k < 4; k++) {
    await session.step();
  }
  expect(await session.reverseContinue(0)).toEqual({ ok: true, value: { watch: true, step: 1 } });
  expect(said(session)).toBe('tot line 9: 00 00 00 00 → 01 00 00 00');
  // Forward again from there: total.b's write, the one reverse continue started from.
  await session.step();
  expect(said(session)).toBe('tot line 10: 00 00 00 00 → 02 00 00 00');
}, 120_000);

it('a write made before the set changed is stopped at under the set it was made with, then the set is put back', async () => {
  const session = await open(BUMP, { sequence: 'watch tot @ &total [8] stop\nbump(3)\n', config: { deterministic: true } });
  await session.run();
  await session.step();
  await session.step();
  expect(said(session)).toBe('tot line 9: 00 00 00 00 → 01 00 00 00');
  const i = stopLocals(session.info, session.lastRecord)!.variables.find((v) => v.name === 'i')!;
  const watches = [{ name: 'i', address: i.address, size: 4, stop: true, frameStep: session.pausedInStep! }];
  expect((await session.setWatches(watches)).ok).toBe(true);
  await session.step();
  expect(said(session)).toBe('tot line 10: 00 00 00 00 → 02 00 00 00');
  // Back to total.a 0→1: under the sequence's watch alone, i's 0→1 just before it was no stop.
  expect(await session.reverseContinue(0)).toEqual({ ok: true, value: { watch: true, step: 1 } });
  expect(said(session)).toBe('tot line 9: 00 00 00 00 → 01 00 00 00');
  expect(session.watches).toEqual(watches);
  // On from there with the watch on i again: total.b, then i's next write.
  await session.step();
  expect(said(session)).toBe('tot line 10: 00 00 00 00 → 02 00 00 00');
  await session.step();
  expect(said(session)).toBe('i line 8: 01 00 00 00 → 02 00 00 00');
}, 120_000);
