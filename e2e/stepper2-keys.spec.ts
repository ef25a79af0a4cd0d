// The stepper under the keyboard with real modules: the buttons a key's command acts through
// are on when the key acts (Reset during a run), F10 and Shift+F10 held down (key repeat) take
// exactly one step each, and the keys step from the sequence editor, a select and the byte editor,
// where Ctrl+Z stays the field's undo.

import { expect, test } from './test.ts';
import { appUrl, gotoAddress, gridByteText, openDemo, runIntoLoop } from './helpers.ts';

test('Reset is on while the loop runs, as Ctrl+Shift+F5 is, and a click ends the loop with a fresh instance', async ({ page }) => {
  await runIntoLoop(page);
  const reset = page.getByTestId('reset-button');
  // Before, the button was off while the guest ran, and its key reset all the same.
  await expect(reset).toBeEnabled();
  await expect(reset).toHaveAttribute('title', /Ctrl\+Shift\+F5/);
  await reset.click();
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('step-counter')).toContainText('step 0 / 7');
  await expect(page.getByTestId('error-bar')).toHaveCount(0);
  // The fresh instance steps.
  await page.keyboard.press('F10');
  await expect(page.getByTestId('step-counter')).toContainText('step 1 / 7');
});

test('Stop during the loop, then F10 says the worker is gone; Back goes before the stopped step', async ({ page }) => {
  await runIntoLoop(page);
  await expect(page.getByTestId('stop-button')).toBeEnabled();
  await page.keyboard.press('Shift+F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'terminated');
  await expect(page.getByTestId('termination')).toContainText('stopped by the user');
  await expect(page.getByTestId('step-button')).toBeDisabled();
  await page.keyboard.press('F10');
  await expect(page.getByTestId('error-message')).toContainText('reset to continue');
  await expect(page.getByTestId('step-back-button')).toBeEnabled();
  await page.keyboard.press('Shift+F10');
  await expect(page.getByTestId('step-counter')).toContainText('step 6 / 7');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'paused');
});

test('F10 held through 200 steps takes each once; Shift+F10 held goes back as many; grid, call log and counter agree', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto(appUrl());
  await openDemo(page, 'trap');
  // Step i writes i + 1 at 1024 + i: a lost or doubled step shows in the bytes.
  const steps = Array.from({ length: 200 }, (_, i) => `write u8 ${i + 1} @ ${1024 + i}`);
  await page.getByTestId('sequence-text').fill(['module "trap.wasm"', ...steps, ''].join('\n'));
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('step-counter')).toContainText('step 0 / 200');
  // keyboard.down on a key already down sends it with repeat set, as a held key does.
  for (let i = 0; i < 210; i++) await page.keyboard.down('F10');
  await page.keyboard.up('F10');
  await expect(page.getByTestId('step-counter')).toContainText('step 200 / 200');
  await expect(page.getByTestId('memory-view')).toHaveAttribute('data-step', '199');
  await expect(page.locator('[data-testid=call-step][data-current=true]')).toHaveAttribute('data-step', '199');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
  await gotoAddress(page, '0x400');
  await expect.poll(() => gridByteText(page, 1024 + 199)).toBe('c8');
  await expect.poll(() => gridByteText(page, 1024)).toBe('01');

  await page.keyboard.down('Shift');
  for (let i = 0; i < 120; i++) await page.keyboard.down('F10');
  await page.keyboard.up('F10');
  await page.keyboard.up('Shift');
  await expect(page.getByTestId('step-counter')).toContainText('step 80 / 200');
  await expect(page.getByTestId('queued-backs')).toHaveCount(0);
  await expect(page.getByTestId('memory-view')).toHaveAttribute('data-step', '79');
  await expect(page.locator('[data-testid=call-step][data-current=true]')).toHaveAttribute('data-step', '79');
  await expect.poll(() => gridByteText(page, 1024 + 79)).toBe('50');
  await expect.poll(() => gridByteText(page, 1024 + 80)).toBe('00');
});

test('F10 steps from the sequence editor, the memory picker and the byte editor; Ctrl+Z there does not', async ({ page }) => {
  await page.goto(appUrl());
  await openDemo(page, 'c-struct');
  const counter = page.getByTestId('step-counter');
  await page.getByTestId('sequence-text').focus();
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Shift+F10');
  await page.keyboard.press('Alt+F5');
  await expect(page.getByTestId('step-back-button')).toBeDisabled();
  await expect(page.getByTestId('reverse-button')).toBeDisabled();
  await page.keyboard.press('F10');
  await expect(counter).toContainText('step 1 / 21');
  await page.getByTestId('step-picker').focus();
  await page.keyboard.press('F10');
  await expect(counter).toContainText('step 2 / 21');
  // In the byte editor: typing and Ctrl+Z stay the input's, F10 steps (the bytes typed are not written).
  await page.getByTestId('goto-input').fill('0x200');
  await page.getByTestId('goto-input').press('Enter');
  const bytes = page.getByTestId('edit-bytes');
  await bytes.fill('ff');
  await bytes.press('Control+z');
  await bytes.press('F10');
  await expect(counter).toContainText('step 3 / 21');
  await expect(page.getByTestId('error-bar')).toHaveCount(0);
});
