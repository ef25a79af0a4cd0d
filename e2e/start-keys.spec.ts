// The start screen opened over a session (the toolbar's Memscope button) hides that session:
// F10, F5, Shift+F10, Alt+F5 and Ctrl+Shift+F5 stepped, ran or reset it there unseen, and the
// person came back to a session somewhere else. They say what to do instead and leave it alone.

import { expect, test } from './test.ts';
import { appUrl, openDemo, pressStep, stepCount } from './helpers.ts';

test('session keys on the start screen over a session leave the session alone and say why', async ({ page }) => {
  await page.goto(appUrl());
  await openDemo(page, 'return-string');
  await pressStep(page);
  await page.getByTestId('home-button').click();
  await expect(page.getByTestId('start-screen')).toBeVisible();
  const bar = page.getByTestId('error-bar');
  for (const key of ['F10', 'F5', 'Shift+F10', 'Alt+F5', 'Control+Shift+F5']) {
    await page.keyboard.press(key);
    await expect(bar, key).toContainText('Back to session');
    await expect(page.getByTestId('start-screen'), key).toBeVisible();
    // Dismissed, so the next key's word is its own.
    await bar.getByRole('button', { name: 'Dismiss' }).click();
    await expect(bar, key).toHaveCount(0);
  }
  await page.getByTestId('start-close').click();
  await expect(page.getByTestId('error-bar')).toHaveCount(0);
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'paused');
  expect((await stepCount(page)).at).toBe(1);
  // Back in the session the same keys act again.
  await pressStep(page);
});
