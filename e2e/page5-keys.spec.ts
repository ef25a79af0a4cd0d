// The page's keys and drops that acted unseen or lost work: a .wseq dropped over edits not saved
// replaced them without a word; Ctrl+S on the start screen over a session saved that hidden
// session's sequence; Shift+F10 at step 0 did nothing and said nothing.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './test.ts';
import { appUrl, dropFiles, openDemo, pressStep } from './helpers.ts';
import { answerDiscard, editedDemo } from './discard-dialog.ts';

const WSEQ = join(import.meta.dirname, '..', 'resources', 'examples', 'return-string', 'return-string.wseq');

test('a .wseq dropped over edits not saved asks first: Keep editing keeps the edits, Discard edits replaces them', async ({ page }) => {
  const editor = await editedDemo(page);
  const dropped = readFileSync(WSEQ, 'utf8').replace(/^/, '# dropped\n');
  await dropFiles(page, { name: 'other.wseq', text: dropped });
  expect(await answerDiscard(page, 'keep')).toContain('other.wseq');
  await expect(editor).toHaveValue(/^# mine\n/);
  await dropFiles(page, { name: 'other.wseq', text: dropped });
  await answerDiscard(page, 'discard');
  await expect(editor).toHaveValue(/^# dropped\n/);
  // Nothing unsaved now (the editor holds the file just dropped): a drop replaces it unasked.
  await dropFiles(page, { name: 'again.wseq', text: readFileSync(WSEQ, 'utf8') });
  await expect(editor).not.toHaveValue(/# dropped/);
  await expect(page.getByTestId('confirm-discard')).toHaveCount(0);
});

test('Ctrl+S on the start screen over a session saves nothing unseen and says why', async ({ page }) => {
  await page.goto(appUrl());
  await openDemo(page, 'return-string');
  let downloads = 0;
  page.on('download', () => downloads++);
  await page.getByTestId('home-button').click();
  await expect(page.getByTestId('start-screen')).toBeVisible();
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('error-bar')).toContainText('Back to session');
  expect(downloads).toBe(0);
  await page.getByTestId('start-close').click();
  // Back in the session, Ctrl+S saves.
  const download = page.waitForEvent('download');
  await page.keyboard.press('Control+s');
  expect((await download).suggestedFilename()).toBe('return-string.wseq');
});

test('Shift+F10 and Alt+F5 at step 0 say there is no step to go back to; after a step Shift+F10 goes back', async ({ page }) => {
  await page.goto(appUrl());
  await openDemo(page, 'return-string');
  await page.keyboard.press('Shift+F10');
  await expect(page.getByTestId('error-bar')).toContainText('no step before this one to go back to');
  await page.getByTestId('error-bar').getByRole('button', { name: 'Dismiss' }).click();
  await page.keyboard.press('Alt+F5');
  await expect(page.getByTestId('error-bar')).toContainText('no step before this one to go back to');
  await page.getByTestId('error-bar').getByRole('button', { name: 'Dismiss' }).click();
  await pressStep(page);
  await page.keyboard.press('Shift+F10');
  await expect(page.getByTestId('step-counter')).toContainText('step 0 /');
  await expect(page.getByTestId('error-bar')).toHaveCount(0);
});
