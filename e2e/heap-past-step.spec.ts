// The heap panel while the call log shows an earlier step: the engine walks the heap now only, so
// the panel lists the blocks live after the current step. It said so nowhere, and beside memory
// as after `name = malloc(5)` (step 3) it listed the greeting block make_greeting allocated later.

import { expect, test } from './test.ts';
import { appUrl, openDemo } from './helpers.ts';

test('an earlier step shown: the heap panel says it lists the heap now, and says nothing of it when live again', async ({ page }) => {
  await page.goto(appUrl());
  await openDemo(page, 'heap-who-frees');
  await page.keyboard.press('F5');
  // The last step (`expect no leaks`) fails on purpose: 8 of 8 ran, the greeting block left.
  await expect(page.getByTestId('step-counter')).toContainText('step 8 / 8');
  await expect(page.locator('[data-testid="heap-block"][data-address="67104"]')).toBeVisible();
  await expect(page.getByTestId('heap-past-step')).toHaveCount(0);

  // Step 3, `name = malloc(5)`: the greeting block did not exist yet.
  await page.locator('[data-testid="call-step"][data-step="2"] [data-testid="step-row"]').click();
  await expect(page.getByTestId('viewing-past-step')).toContainText('Memory after step 3 (read-only)');
  await expect(page.getByTestId('heap-past-step')).toHaveText('The heap now, after step 8; the memory shown is as after step 3.');

  await page.getByTestId('back-to-live').click();
  await expect(page.getByTestId('viewing-past-step')).toHaveCount(0);
  await expect(page.getByTestId('heap-past-step')).toHaveCount(0);
});
