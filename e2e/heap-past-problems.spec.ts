// The heap panel's problems while the call log shows an earlier step: only those of the steps up
// to it. It listed every step's, so memory as after step 3 sat beside the double free step 4
// would find and the double-alloc of step 6, problems in that memory's future.

import { expect, test } from './test.ts';
import { appUrl, openDemo } from './helpers.ts';

test('an earlier step shown: the heap panel lists the problems found up to it, and all of them when live again', async ({ page }) => {
  await page.goto(appUrl());
  await openDemo(page, 'heap-double-free');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
  const links = page.getByTestId('heap-problem-link');
  await expect(links).toHaveText(['line 20double-free0x00500848', 'line 25double-alloc0x00500848']);

  // Step 3, the first `free(a)`: no problem yet.
  await page.locator('[data-testid="call-step"][data-step="2"] [data-testid="step-row"]').click();
  await expect(page.getByTestId('viewing-past-step')).toContainText('Memory after step 3 (read-only)');
  await expect(page.getByTestId('heap-problems')).toHaveCount(0);

  // Step 4, `free!(a)`: the double free, not yet the double-alloc it leads to.
  await page.locator('[data-testid="call-step"][data-step="3"] [data-testid="step-row"]').click();
  await expect(page.getByTestId('viewing-past-step')).toContainText('Memory after step 4 (read-only)');
  await expect(page.getByTestId('heap-problems')).toContainText('⚠ 1 problem so far');
  await expect(links).toHaveText(['line 20double-free0x00500848']);

  await page.getByTestId('back-to-live').click();
  await expect(page.getByTestId('viewing-past-step')).toHaveCount(0);
  await expect(links).toHaveText(['line 20double-free0x00500848', 'line 25double-alloc0x00500848']);
});
