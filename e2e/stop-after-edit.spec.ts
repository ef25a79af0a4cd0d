// Stop right after an edit (issue 13, item 16): while the edit is applied (a reset that starts a
// fresh worker, 1–2.5 s on a loaded machine) Run is pressed and then Stop. Stop must win: the
// run never starts the infinite loop, and the badge does not stay "running".

import { expect, test } from '@playwright/test';
import { appUrl, openDemo } from './helpers.ts';

test('Stop right after an edit keeps the queued Run from starting the loop', async ({ page }) => {
  await page.goto(appUrl());
  await expect(page.getByTestId('start-screen').or(page.getByTestId('memory-view'))).toBeVisible();
  await openDemo(page, 'infinite-loop');
  const editor = page.getByTestId('sequence-text');
  const text = await editor.inputValue();
  expect(text).toContain('timeout 1000');
  // A limit far above this test's waits: if the loop starts, the badge stays "running".
  await editor.fill(text.replace('timeout 1000', 'timeout 120000'));
  await page.keyboard.press('F5');
  await page.keyboard.press('Shift+F5');
  const badge = page.getByTestId('state-badge');
  await expect(badge).not.toHaveAttribute('data-state', 'running', { timeout: 30_000 });
  // And it stays so: nothing was left queued to start later.
  await page.waitForTimeout(2000);
  await expect(badge).not.toHaveAttribute('data-state', 'running');
  await expect(page.getByTestId('step-counter')).toContainText('step 0 /');
});
