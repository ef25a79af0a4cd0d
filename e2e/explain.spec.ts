// "Explain this step" (issue 14, build item 4): the call log explains the step that ran last, or
// the one being viewed, in the same words as `memscope run --explain` (names in code type where
// the CLI has backticks).

import { expect, test } from './test.ts';
import { appUrl, openDemo, pressStep } from './helpers.ts';

test.beforeEach(async ({ page }) => {
  await page.goto(appUrl());
  await expect(page.getByTestId('start-screen').or(page.getByTestId('memory-view'))).toBeVisible();
});

test('each step is explained in plain words; a viewed past step too', async ({ page }) => {
  await openDemo(page, 'return-string');
  await pressStep(page);
  const explain = page.getByTestId('step-explain');
  await expect(explain).toHaveCount(1);
  await expect(explain).toContainText('The host called malloc(8); it returned 67104 (0x10620).');
  await expect(explain).toContainText('The 8 bytes at 0x10620 (ret) are now yours');
  await pressStep(page);
  await pressStep(page);
  await expect(explain).toHaveCount(1);
  await expect(explain).toContainText('The host read guest memory: s = {ptr: 67120 (0x10630), len: 12}.');
  // Viewing step 1's memory explains step 1 as well as the current step.
  await page.locator('[data-testid="call-step"][data-step="0"] [data-testid="step-row"]').click();
  await expect(explain).toHaveCount(2);
  await expect(page.locator('[data-testid="call-step"][data-step="0"] [data-testid="step-explain"]')).toContainText('malloc(8)');
});
