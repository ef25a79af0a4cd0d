// The start screen opened over a session (the toolbar's Memscope button) closed by itself when
// any update of that session came: an edit applied after the typing pause, or one made in
// another tab. It closes when another session opens, or on Back to session.

import { expect, test } from './test.ts';
import { appUrl, frameJson, openDemo } from './helpers.ts';
import { answerDiscard } from './discard-dialog.ts';

test('the start screen over a session stays open while that session is updated, and closes when another opens', async ({ page, context }) => {
  let sessionEvents = 0;
  page.on('websocket', (ws) => ws.on('framereceived', ({ payload }) => {
    if (frameJson(payload).startsWith('{"type":"event","name":"session"')) sessionEvents++;
  }));
  await page.goto(appUrl());
  await openDemo(page, 'return-string');
  await page.getByTestId('home-button').click();
  await expect(page.getByTestId('start-screen')).toBeVisible();

  // The same session, edited in another tab: its `session` event reaches this one too.
  const before = sessionEvents;
  const other = await context.newPage();
  await other.goto(appUrl());
  const editor = other.getByTestId('sequence-text');
  await editor.click();
  await other.keyboard.press('Control+Home');
  await other.keyboard.type('# from the other tab\n');
  await other.keyboard.press('Control+Enter');
  await expect.poll(() => sessionEvents).toBeGreaterThan(before);
  // Drawn after the event: the start screen is still there.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await expect(page.getByTestId('start-screen')).toBeVisible();
  await page.getByTestId('start-close').click();
  await expect(page.getByTestId('sequence-text')).toHaveValue(/^# from the other tab\n/);

  // Another session opening closes it (the other tab's edit is not saved: opening asks first).
  await page.getByTestId('home-button').click();
  await page.locator('[data-testid="demo-card"][data-demo-id="trap"]').click();
  await answerDiscard(page, 'discard');
  await expect(page.getByTestId('start-screen')).toHaveCount(0);
  await expect(page.getByTestId('module-panel')).toContainText('trap.wasm');
});
