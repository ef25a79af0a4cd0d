// The heap panel's problems while the call log shows an earlier step: only those of the steps up
// to it. It listed every step's, so memory as after step 3 sat beside the double free step 4
// would find and the double-alloc of step 6, problems in that memory's future. Those are counted
// instead, the next one a click away: with none listed the panel gave no sign they came.

import { expect, test } from './test.ts';
import { appUrl, openDemo } from './helpers.ts';

test('an earlier step shown: the heap panel lists the problems found up to it, and all of them when live again', async ({ page }) => {
  await page.goto(appUrl());
  await openDemo(page, 'heap-double-free');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
  const links = page.getByTestId('heap-problem-link');
  await expect(links).toHaveText(['line 20double-free0x00500848', 'line 25double-alloc0x00500848']);

  // Step 3, the first `free(a)`: no problem yet; the two to come are counted, the next a click away.
  await page.locator('[data-testid="call-step"][data-step="2"] [data-testid="step-row"]').click();
  await expect(page.getByTestId('viewing-past-step')).toContainText('Memory after step 3 (read-only)');
  await expect(page.getByTestId('heap-problems')).toHaveCount(0);
  const later = page.getByTestId('heap-problems-later');
  await expect(later).toHaveText('2 more problems after this step; the next at step 4, line 20');

  // Step 4, `free!(a)`, reached by it: the double free, not yet the double-alloc it leads to.
  await later.click();
  await expect(page.getByTestId('viewing-past-step')).toContainText('Memory after step 4 (read-only)');
  await expect(page.getByTestId('heap-problems')).toContainText('⚠ 1 problem so far');
  await expect(links).toHaveText(['line 20double-free0x00500848']);
  await expect(later).toHaveText(/^1 more problem after this step; the next at step \d+, line 25$/);

  await page.getByTestId('back-to-live').click();
  await expect(page.getByTestId('viewing-past-step')).toHaveCount(0);
  await expect(links).toHaveText(['line 20double-free0x00500848', 'line 25double-alloc0x00500848']);
  await expect(later).toHaveCount(0);
});
