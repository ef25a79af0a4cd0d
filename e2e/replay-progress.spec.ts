// Going back on a long session replays the steps before in a fresh worker: 10,000 of them took
// seconds, during which the page that pressed Shift+F10 showed "running" and the count it left,
// and every other tab showed "done", its Stop off. The replay's progress is an event now: every
// tab shows "replaying N / M" and can stop it. Checked by states and counts (the progress frames
// each tab got), never times: a slow machine only waits longer.

import { expect, test, type Page } from './test.ts';
import { appUrl, frameJson, stepCount } from './helpers.ts';
import { openText, rounds } from './long-text.ts';

interface Progress { step: number; of: number }

/** A second tab on the same session, and the replay progress frames it gets. */
async function otherTab(page: Page): Promise<{ other: Page; progress: Progress[] }> {
  const other = await page.context().newPage();
  const progress: Progress[] = [];
  other.on('websocket', (socket) => socket.on('framereceived', ({ payload }) => {
    const m = JSON.parse(frameJson(payload)) as { type: string; name?: string; payload?: Progress };
    if (m.type === 'event' && m.name === 'replaying') progress.push(m.payload!);
  }));
  await other.goto(appUrl());
  return { other, progress };
}

const state = (page: Page) => page.getByTestId('state-badge');

/** What `whileReplaying` does in a tab the moment it shows the replay: only see it, press F10 (and see it queued), or click Stop. */
type Act = 'look' | 'F10' | 'stop';

/**
 * Shift+F10 in `page`; in each tab of `acts`, its act runs in the same task in which that tab
 * first shows "replaying N / 9999" with the badge running and Stop on, so it lands while the
 * page says it replays however loaded the machine is: a Playwright press or click in between
 * could come after the replay's end (it did, on CI). Resolves, per tab, whether it saw that
 * moment (and for F10, "+1 queued" after it); false when the replay was over first (the
 * counter at 9999 with no progress shown).
 */
async function whileReplaying(page: Page, acts: [Page, Act][]): Promise<boolean[]> {
  for (const [tab, act] of acts) {
    await tab.evaluate((act) => {
      const testId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
      const replaying = () => {
        const stop = testId('stop-button') as HTMLButtonElement | null;
        return /^replaying \d+ \/ 9999$/.test(testId('replay-progress')?.textContent ?? '')
          && testId('state-badge')?.dataset.state === 'running' && !!stop && !stop.disabled;
      };
      (window as unknown as { replayActed: Promise<boolean> }).replayActed = new Promise((resolve) => {
        let pressed = false;
        const seen = new MutationObserver(() => {
          const done = (saw: boolean) => { seen.disconnect(); resolve(saw); };
          // The press is queued in the task that saw the replay; the badge follows in a microtask.
          const counter = testId('step-counter')?.textContent ?? '';
          if (pressed) return void (testId('queued-steps')?.textContent === '+1 queued' ? done(true) : counter.includes('step 10000 / 10000') && done(false));
          if (!replaying()) return void (!testId('replay-progress') && counter.includes('step 9999 / 10000') && done(false));
          if (act === 'stop') (testId('stop-button') as HTMLButtonElement).click();
          if (act !== 'F10') return done(true);
          pressed = true;
          window.dispatchEvent(new KeyboardEvent('keydown', { key: 'F10', bubbles: true }));
        });
        seen.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      });
    }, act);
  }
  await page.keyboard.press('Shift+F10');
  return Promise.all(acts.map(([tab]) => tab.evaluate(() => (window as unknown as { replayActed: Promise<boolean> }).replayActed)));
}

test('a 10,000-step step back shows its progress in every tab; F10 meanwhile waits for it; Stop from another tab ends it before its next step, and F10 goes on from there', async ({ page }) => {
  test.setTimeout(300_000);
  await openText(page, rounds(2500), 10_000);
  await page.keyboard.press('F5');
  await expect(state(page)).toHaveAttribute('data-state', 'done', { timeout: 240_000 });
  const { other, progress } = await otherTab(page);
  await expect(other.getByTestId('step-counter')).toContainText('step 10000 / 10000');

  // Shift+F10: both tabs say it replays, and how far, with Stop on; F10 pressed meanwhile is
  // queued, not lost. A replay over before a tab showed it (a slow page) is tried again.
  let queued = false;
  for (let tries = 0; !queued && tries < 5; tries++) {
    progress.length = 0;
    const [pageSaw, otherSaw] = await whileReplaying(page, [[page, 'F10'], [other, 'look']]);
    if (pageSaw && otherSaw) queued = true;
    else if (pageSaw) await expect(state(page)).toHaveAttribute('data-state', 'done', { timeout: 240_000 });
    else await page.keyboard.press('F10');
    await expect(page.getByTestId('step-counter')).toContainText('step 10000 / 10000', { timeout: 240_000 });
  }
  expect(queued).toBe(true);
  // Back one, then the queued F10 forward again: at the end, and no progress shown.
  await expect(state(page)).toHaveAttribute('data-state', 'done', { timeout: 240_000 });
  await expect(page.getByTestId('replay-progress')).toHaveCount(0);
  await expect(other.getByTestId('replay-progress')).toHaveCount(0);
  await expect(state(other)).toHaveAttribute('data-state', 'done');
  // The other tab heard it from 0 to 9,999 in order, about a hundred times, not once per step.
  expect(progress[0]).toEqual({ step: 0, of: 9999 });
  expect(progress.at(-1)).toEqual({ step: 9999, of: 9999 });
  expect(progress.length).toBeLessThanOrEqual(101);
  expect(progress.map((p) => p.step)).toEqual(progress.map((p) => p.step).sort((a, b) => a - b));

  // Shift+F10 again, stopped from the other tab while it replays: both tabs say where it ended.
  // A Stop that reached the server after the replay's end stops nothing: F10 back, and again.
  for (let tries = 0; tries < 5; tries++) {
    progress.length = 0;
    const [clicked] = await whileReplaying(page, [[other, 'stop']]);
    for (const tab of [page, other]) {
      await expect(state(tab)).not.toHaveAttribute('data-state', 'running', { timeout: 60_000 });
      await expect(tab.getByTestId('replay-progress')).toHaveCount(0);
      await expect(tab.getByTestId('stop-button')).toBeDisabled();
    }
    if (clicked && (await stepCount(page)).at < 9999) break;
    await page.keyboard.press('F10');
    await expect(page.getByTestId('step-counter')).toContainText('step 10000 / 10000');
  }
  const reached = progress.at(-1)!.step;
  const { at } = await stepCount(page);
  expect(at).toBeGreaterThanOrEqual(reached);
  expect(at).toBeLessThan(9999);
  await expect(page.getByTestId('error-bar')).toContainText(`stepping back was stopped by the user after replaying ${at} of 9999 steps: the session is before step ${at + 1} (line ${at + 2}), its worker kept`);
  // The replay's worker is kept: F10 runs the next step, no Reset needed.
  await page.keyboard.press('F10');
  await expect.poll(async () => (await stepCount(page)).at).toBe(at + 1);
  await expect(state(page)).not.toHaveAttribute('data-state', 'terminated');
  await other.close();
});
