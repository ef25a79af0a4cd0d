// A module, demo or recent entry opened over sequence edits not saved replaced the session, and
// the edits were lost without a word (only a dropped or picked .wseq asked). Each asks now, as a
// .wseq does: "Keep editing" keeps the session and its edits.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './test.ts';
import { dropFiles, openDemo, pressStep } from './helpers.ts';
import { answerDiscard, editedDemo } from './discard-dialog.ts';

const WASM = join(import.meta.dirname, '..', 'resources', 'examples', 'return-string', 'return-string.wasm');

test('a demo, a recent entry, a picked or a dropped module opened over edits not saved asks first: Keep editing keeps them', async ({ page }) => {
  const editor = await editedDemo(page);
  // A step applies the edit first: applied later, its session event closed the start screen.
  await pressStep(page);
  const asked: string[] = [];
  const keep = async (): Promise<void> => void asked.push(await answerDiscard(page, 'keep'));
  const backWithEdits = async (): Promise<void> => {
    await page.getByTestId('start-close').click();
    await expect(editor).toHaveValue(/^# mine\n/);
  };

  await page.getByTestId('home-button').click();
  await page.locator('[data-testid="demo-card"][data-demo-id="return-string"]').click();
  await keep();
  expect(asked[0]).toMatch(/demo .* in place of this session\? .*not saved: Keep editing keeps them/);
  await backWithEdits();

  await page.getByTestId('home-button').click();
  await page.getByTestId('recent-item').first().click();
  await keep();
  await backWithEdits();

  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Control+o');
  await (await chooser).setFiles(WASM);
  await keep();
  expect(asked[2]).toContain('return-string.wasm');
  await expect(editor).toHaveValue(/^# mine\n/);

  const drop = () => dropFiles(page, { name: 'return-string.wasm', bytes: readFileSync(WASM) });
  await drop();
  await keep();
  await expect(editor).toHaveValue(/^# mine\n/);

  // Discard edits: the module opens, with its own sequence; nothing unsaved now, so the next open asks nothing.
  await drop();
  await answerDiscard(page, 'discard');
  await expect(editor).not.toHaveValue(/# mine/);
  await openDemo(page, 'return-string');
  await expect(page.getByTestId('confirm-discard')).toHaveCount(0);
});
