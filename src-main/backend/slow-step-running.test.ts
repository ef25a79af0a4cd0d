// A single step (F10) sends no "running" state while it is quick: the page that asked knows. One
// that runs on (a guest that spins) is said to every page: a second tab showed "ready", its Stop
// off, while the guest held a core until its time limit, which a sequence may set to a day.

import { expect, it } from 'vitest';
import { backendsDisposedAfterEach, value } from './testing.ts';

const newBackend = backendsDisposedAfterEach();

it("a step that runs on is said as running to every page, so another tab's Stop can end it", async () => {
  const h = newBackend({});
  value(await h.backend.openDemo({ id: 'infinite-loop' }));
  value(await h.backend.setSequence({ name: 'spin.wseq', text: 'timeout 600000\nspin()\n' }));
  let saidRunning!: () => void;
  const running = new Promise<true>((resolve) => { saidRunning = () => resolve(true); });
  h.onEvent((e) => { if (e.name === 'delta' && e.payload.state === 'running') saidRunning(); });
  const stepped = h.backend.step({});
  // A bound, not a speed check: it is said 300 ms in; without it no event came at all.
  const said = await Promise.race([running, new Promise<false>((resolve) => setTimeout(() => resolve(false), 60_000))]);
  value(await h.backend.stop({}));
  value(await stepped);
  expect(said).toBe(true);
  expect(value(await h.backend.getSession({}))!.state).toBe('terminated');
}, 120_000);
