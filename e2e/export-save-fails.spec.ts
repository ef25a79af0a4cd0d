// Export when the shell's save itself fails (Electron's save dialog or IPC, here the browser's
// download): the error bar says so, where nothing was shown before; a clipboard that refuses
// the host code is said the same way, and so is a Save of the sequence.

import { expect, test } from './test.ts';
import { appUrl, openDemo } from './helpers.ts';

test.beforeEach(async ({ page }) => {
  await page.goto(appUrl());
  await expect(page.getByTestId('start-screen').or(page.getByTestId('home-button'))).toBeVisible();
  await openDemo(page, 'return-string');
});

test('a save that fails is said in the error bar', async ({ page }) => {
  await page.evaluate(() => {
    URL.createObjectURL = () => { throw new Error('downloads are blocked'); };
  });
  await page.getByTestId('export-button').click();
  await page.getByTestId('export-save').click();
  await expect(page.getByTestId('error-bar')).toHaveAttribute('data-code', 'io');
  await expect(page.getByTestId('error-message')).toHaveText(/^saving .+\.msnap failed: downloads are blocked$/);
  await expect(page.getByTestId('export-saved')).toHaveCount(0);
});

test('a Save of the sequence that fails is said in the error bar, as an export\'s is', async ({ page }) => {
  // Before: the rejected save went unhandled from the Save button and Ctrl+S, with no word.
  await page.evaluate(() => {
    URL.createObjectURL = () => { throw new Error('downloads are blocked'); };
  });
  await page.getByTestId('save-sequence').click();
  await expect(page.getByTestId('error-message')).toHaveText('saving return-string.wseq failed: downloads are blocked');
});

test('a clipboard that refuses the host code is said in the error bar', async ({ page }) => {
  await page.evaluate(() => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('not allowed')) } });
  });
  await page.getByTestId('export-button').click();
  await page.getByTestId('export-host').check();
  await page.getByTestId('export-copy').click();
  await expect(page.getByTestId('error-message')).toHaveText('not copied: the clipboard refused it (not allowed)');
});
