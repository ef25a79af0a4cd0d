// One F10 in the page (issue 7): the step request names the window the grid shows, the step
// event brings that window's bytes (and the heap) back, and the grid draws the step's new bytes
// without the page asking again: one F10, one request.

import { expect, test, type Page } from './test.ts';
import { appUrl, gotoAddress, gridAscii, openDemo, pressStep } from './helpers.ts';

/** The names of the requests the page sends from now on. */
function recordRequests(page: Page): string[] {
  const names: string[] = [];
  page.on('websocket', (ws) => ws.on('framesent', ({ payload }) => {
    const m = /^\{"type":"request","id":\d+,"name":"(\w+)"/.exec(String(payload));
    if (m) names.push(m[1]);
  }));
  return names;
}

test('F10 shows the bytes the step wrote with no memory request after it', async ({ page }) => {
  const sent = recordRequests(page);
  await page.goto(appUrl());
  await openDemo(page, 'return-string');
  await pressStep(page);
  // The allocation `ret` in view: the next step writes {ptr, len} there and the text just after it.
  await gotoAddress(page, 'ret');
  await expect(page.getByTestId('inspector-u32')).toBeVisible();
  expect(await gridAscii(page)).not.toContain('hello from C');

  sent.length = 0;
  await pressStep(page);
  await expect.poll(() => gridAscii(page)).toContain('hello from C');
  await expect(page.getByTestId('changed-byte').first()).toBeVisible();
  // The inspector at ret reads the pointer the step wrote, from the same carried bytes.
  await expect(page.getByTestId('inspector-u32')).toHaveText('67120');
  // One request for the whole F10: no readMemory, pageMap or heap after it.
  expect(sent).toEqual(['step']);
});

test('F10 whose allocation lies outside the view moves the grid there with no memory request', async ({ page }) => {
  const sent = recordRequests(page);
  await page.goto(appUrl());
  await openDemo(page, 'return-string');
  // The grid at the start of memory, far below the heap where malloc(8) puts `ret` (scrolled
  // there with Home: nothing selected, so the value inspector reads nothing either).
  await page.getByTestId('memory-grid').focus();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('memory-grid')).toHaveAttribute('data-top-row', '0');

  sent.length = 0;
  await pressStep(page);
  // The grid moved to `ret` and shows it: its region chip and the step's changed bytes.
  await expect(page.getByTestId('grid-region-chip').filter({ hasText: 'ret' })).toBeVisible();
  await expect(page.getByTestId('changed-byte').first()).toBeVisible();
  expect(Number(await page.getByTestId('memory-grid').getAttribute('data-top-row'))).toBeGreaterThan(0x1000);
  expect(sent).toEqual(['step']);
});

test('a fast F10 leaves the stepper alone once its step is shown: no "running" flicker', async ({ page }) => {
  // The step's answer comes after its event: when the stepper showed "running" at once, the
  // answer flipped it back in a DOM change of its own, one more frame of whole-page style,
  // layout and paint per F10, competing for a core with the backend.
  const answered = new Set<number>();
  const asked: number[] = [];
  page.on('websocket', (ws) => {
    ws.on('framesent', ({ payload }) => {
      const m = /^\{"type":"request","id":(\d+),"name":"step"/.exec(String(payload));
      if (m) asked.push(Number(m[1]));
    });
    ws.on('framereceived', ({ payload }) => {
      const m = /^\{"type":"response","id":(\d+)/.exec(String(payload));
      if (m) answered.add(Number(m[1]));
    });
  });
  await page.goto(appUrl());
  await openDemo(page, 'c-struct');
  // Every DOM change from the F10 keydown on: the time since the keydown, the observer callback
  // (one per microtask checkpoint) it came in, what changed; the one that applies the step
  // changes the memory view's data-step.
  await page.evaluate(() => {
    const w = window as unknown as { f10Changes: { at: number; batch: number; what: string }[] | null };
    let key = 0;
    let batch = 0;
    addEventListener('keydown', (e) => {
      if (e.key === 'F10') { key = performance.now(); w.f10Changes = []; }
    }, true);
    const view = document.querySelector('[data-testid=memory-view]')!;
    new MutationObserver((records) => {
      const at = performance.now() - key;
      batch++;
      for (const r of records) {
        if (!w.f10Changes) continue;
        const what = r.target === view && r.attributeName === 'data-step' ? 'applied'
          : `${(r.target as Element).getAttribute?.('data-testid') ?? r.target.nodeName} ${r.attributeName ?? r.type}`;
        w.f10Changes.push({ at, batch, what });
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  const STEPPER = /^(step-button|step-back-button|run-button|stop-button|reset-button|trace-writes|state-badge) /;
  for (let i = 0; i < 3; i++) {
    await pressStep(page);
    await expect.poll(() => asked.length > 0 && answered.has(asked.at(-1)!)).toBe(true);
    // The answer's own DOM change, if any, is made before the next frame.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
    const changes = await page.evaluate(() => (window as unknown as { f10Changes: { at: number; batch: number; what: string }[] }).f10Changes);
    const applied = changes.find((c) => c.what === 'applied');
    expect(applied).toBeDefined();
    // The stepper changes with the step only, or after the step had run 150 ms (a loaded
    // machine), when showing it as running is right.
    expect(changes.filter((c) => STEPPER.test(c.what) && c.batch !== applied!.batch && c.at < 150)).toEqual([]);
  }
});

test('Opening, Reset and Shift+F10 bring the grid\'s bytes, page map and heap in their event: nothing is asked after them', async ({ page }) => {
  // Asked for after the view arrived, they were three requests and three redraws (after a
  // Reset, two heap walks with the state's own delta) ahead of the first F10's step.
  const sent = recordRequests(page);
  await page.goto(appUrl());
  // From the start screen (the server may still hold an earlier test's session).
  await expect(page.getByTestId('start-screen').or(page.getByTestId('memory-view'))).toBeVisible();
  if (!(await page.getByTestId('start-screen').isVisible())) await page.getByTestId('home-button').click();
  await expect(page.getByTestId('start-screen')).toBeVisible();
  sent.length = 0;
  await openDemo(page, 'c-struct');
  const status = page.getByTestId('heap-status');
  await expect(status).toContainText(': 0 live, 0 B');
  await expect(page.getByTestId('memory-grid')).toHaveAttribute('data-top-row', '0');
  expect(sent).toEqual(['openDemo']);
  // point_size(), its expect, malloc(size): the point is live.
  for (let i = 0; i < 3; i++) await pressStep(page);
  await expect(status).toContainText(': 1 live,');
  sent.length = 0;
  await page.getByTestId('reset-button').click();
  await expect(page.getByTestId('step-counter')).toContainText('step 0 /');
  await expect(page.locator('[data-testid=state-badge][data-state=ready]')).toBeVisible();
  // The reset guest's heap is shown, with nothing allocated yet.
  await expect(status).toContainText(': 0 live, 0 B');
  await pressStep(page);
  expect(sent).toEqual(['reset', 'step']);

  // Shift+F10 the same way: its event brings what the grid and the heap panel show.
  for (let i = 0; i < 2; i++) await pressStep(page);
  await expect(status).toContainText(': 1 live,');
  sent.length = 0;
  await page.keyboard.press('Shift+F10');
  await expect(page.getByTestId('step-counter')).toContainText('step 2 /');
  await expect(status).toContainText(': 0 live, 0 B');
  expect(sent).toEqual(['stepBack']);

  // An edit is a fresh run too: a comment added at the end, then F10.
  sent.length = 0;
  await page.getByTestId('sequence-text').focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\n# a note\n');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('edit-pending')).toHaveCount(0);
  await expect(page.getByTestId('step-counter')).toContainText('step 2 /');
  await pressStep(page);
  expect(sent.filter((name) => name !== 'runToLine')).toEqual(['setSequence', 'step']);
});
