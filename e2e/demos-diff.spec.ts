// The step diff after the steps it named are gone (a Reset, a step back): the pickers named steps
// that no longer existed, showed blank, and Diff still compared them, reporting "no bytes differ"
// for steps that had not run. Found walking the return-string demo as a newcomer would.

import { expect, test } from './test.ts';
import { appUrl, openDemo, pressStep } from './helpers.ts';

test.beforeEach(async ({ page }) => {
  await page.goto(appUrl());
  await expect(page.getByTestId('start-screen').or(page.getByTestId('memory-view'))).toBeVisible();
});

test('after a Reset the diff pickers name steps that ran, and Diff compares those', async ({ page }) => {
  await openDemo(page, 'return-string');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
  await page.getByTestId('diff-toggle').click();
  await page.getByTestId('diff-from').selectOption({ value: '5' });
  await page.getByTestId('diff-to').selectOption({ value: '9' });

  await page.keyboard.press('Control+Shift+F5');
  await expect(page.getByTestId('step-counter')).toContainText('step 0 /');
  // Step 1 mallocs `ret`, step 2 has the guest fill it: the two differ.
  await pressStep(page);
  await pressStep(page);
  await expect(page.getByTestId('diff-from')).toHaveValue('0');
  await expect(page.getByTestId('diff-to')).toHaveValue('1');
  await page.getByTestId('diff-go').click();
  await expect(page.getByTestId('diff-summary')).toContainText('differ in');
  await expect(page.getByTestId('diff-summary')).not.toContainText('no bytes differ');

  // Unpicked, they follow the last two steps; a pick on one keeps the other as it is shown.
  await pressStep(page);
  await expect(page.getByTestId('diff-from')).toHaveValue('1');
  await expect(page.getByTestId('diff-to')).toHaveValue('2');
  await page.getByTestId('diff-from').selectOption({ value: '0' });
  await pressStep(page);
  await expect(page.getByTestId('diff-from')).toHaveValue('0');
  await expect(page.getByTestId('diff-to')).toHaveValue('2');
});

test('with one step there is nothing to diff it with: both pickers name it, Diff is off', async ({ page }) => {
  await openDemo(page, 'return-string');
  await pressStep(page);
  await page.getByTestId('diff-toggle').click();
  await expect(page.getByTestId('diff-from')).toHaveValue('0');
  await expect(page.getByTestId('diff-to')).toHaveValue('0');
  await expect(page.getByTestId('diff-go')).toBeDisabled();
});
