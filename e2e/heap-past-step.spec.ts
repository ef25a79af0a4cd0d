// The heap panel while the call log shows an earlier step. Stepped with F10, each step's event
// brought that step's walk, which the session keeps (StepHeaps): the panel lists the heap as it
// was then. Before, it listed the heap now beside memory as after step 3, with the greeting block
// make_greeting allocated at step 4. A step of a run (F5) was never walked: the panel lists the
// heap now and says so.

import { expect, test } from './test.ts';
import { appUrl, openDemo, pressStep } from './helpers.ts';

/** The greeting block make_greeting allocates at step 4 (and the sequence leaves behind). */
const GREETING = '[data-testid="heap-block"][data-address="67104"]';

test('stepped with F10, an earlier step shows the heap as it was after it, with no "heap now" note', async ({ page }) => {
  await page.goto(appUrl());
  await openDemo(page, 'heap-who-frees');
  for (let i = 0; i < 8; i++) await pressStep(page);
  await expect(page.getByTestId('step-counter')).toContainText('step 8 / 8');
  await expect(page.locator(GREETING)).toBeVisible();

  await page.locator('[data-testid="call-step"][data-step="2"] [data-testid="step-row"]').click();
  await expect(page.getByTestId('viewing-past-step')).toContainText('Memory after step 3 (read-only)');
  const blocks = page.getByTestId('heap-panel').getByTestId('heap-block');
  // The name block the host allocated at step 2, not yet the greeting, and no leak marked.
  await expect(blocks.filter({ hasText: 'host' })).toHaveCount(1);
  await expect(page.locator(GREETING)).toHaveCount(0);
  await expect(page.getByTestId('heap-past-step')).toHaveCount(0);
  await expect(page.getByTestId('heap-block-state')).toHaveCount(0);

  // Step 4 made the greeting: its own heap lists it.
  await page.locator('[data-testid="call-step"][data-step="3"] [data-testid="step-row"]').click();
  await expect(page.getByTestId('viewing-past-step')).toContainText('Memory after step 4 (read-only)');
  await expect(page.locator(GREETING)).toBeVisible();
  await expect(page.getByTestId('heap-past-step')).toHaveCount(0);
});

test('an earlier step of a run shown: the heap panel says it lists the heap now, and says nothing of it when live again', async ({ page }) => {
  await page.goto(appUrl());
  await openDemo(page, 'heap-who-frees');
  await page.keyboard.press('F5');
  // The last step (`expect no leaks`) fails on purpose: 8 of 8 ran, the greeting block left.
  await expect(page.getByTestId('step-counter')).toContainText('step 8 / 8');
  await expect(page.locator(GREETING)).toBeVisible();
  await expect(page.getByTestId('heap-past-step')).toHaveCount(0);

  // Step 3, `name = malloc(5)`: the greeting block did not exist yet.
  await page.locator('[data-testid="call-step"][data-step="2"] [data-testid="step-row"]').click();
  await expect(page.getByTestId('viewing-past-step')).toContainText('Memory after step 3 (read-only)');
  await expect(page.getByTestId('heap-past-step')).toHaveText('The heap now, after step 8; the memory shown is as after step 3.');

  await page.getByTestId('back-to-live').click();
  await expect(page.getByTestId('viewing-past-step')).toHaveCount(0);
  await expect(page.getByTestId('heap-past-step')).toHaveCount(0);
});
