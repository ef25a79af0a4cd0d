// A module, demo or recent entry opened over sequence edits not saved replaced the session, and
// the edits were lost without a word (only a dropped or picked .wseq asked). Each asks now, as a
// .wseq does: Cancel keeps the session and its edits.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './test.ts';
import { appUrl, dropFiles, openDemo, pressStep } from './helpers.ts';

const WASM = join(import.meta.dirname, '..', 'resources', 'examples', 'return-string', 'return-string.wasm');

test('a demo, a recent entry, a picked or a dropped module opened over edits not saved asks first: Cancel keeps them', async ({ page }) => {
  await page.goto(appUrl());
  await openDemo(page, 'return-string');
  const editor = page.getByTestId('sequence-text');
  await editor.click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('# mine\n');
  // A step applies the edit first: applied later, its session event closed the start screen.
  await pressStep(page);
  const asked: string[] = [];
  let answer = false;
  page.on('dialog', (d) => { asked.push(d.message()); void (answer ? d.accept() : d.dismiss()); });
  const backWithEdits = async (): Promise<void> => {
    await page.getByTestId('start-close').click();
    await expect(editor).toHaveValue(/^# mine\n/);
  };

  await page.getByTestId('home-button').click();
  await page.locator('[data-testid="demo-card"][data-demo-id="return-string"]').click();
  await expect.poll(() => asked.length).toBe(1);
  expect(asked[0]).toMatch(/demo .* in place of this session\? .*not saved: Cancel keeps them/);
  await backWithEdits();

  await page.getByTestId('home-button').click();
  await page.getByTestId('recent-item').first().click();
  await expect.poll(() => asked.length).toBe(2);
  await backWithEdits();

  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Control+o');
  await (await chooser).setFiles(WASM);
  await expect.poll(() => asked.length).toBe(3);
  expect(asked[2]).toContain('return-string.wasm');
  await expect(editor).toHaveValue(/^# mine\n/);

  const drop = () => dropFiles(page, { name: 'return-string.wasm', bytes: readFileSync(WASM) });
  await drop();
  await expect.poll(() => asked.length).toBe(4);
  await expect(editor).toHaveValue(/^# mine\n/);

  // OK: the module opens, with its own sequence; nothing unsaved now, so the next open asks nothing.
  answer = true;
  await drop();
  await expect(editor).not.toHaveValue(/# mine/);
  expect(asked).toHaveLength(5);
  await openDemo(page, 'return-string');
  expect(asked).toHaveLength(5);
});
