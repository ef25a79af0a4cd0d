// Undo in the sequence editor: typing, a Tab indent, and the pause that applies the edit. The
// indent was put in with setRangeText, which is not on the browser's undo stack: Ctrl+Z
// stopped there, and nothing typed before it could be taken back.

import { expect, test } from './test.ts';
import { appUrl, openDemo } from './helpers.ts';

test('undo takes back typing and a Tab indent, after the edit was applied', async ({ page }) => {
  await page.goto(appUrl());
  await openDemo(page, 'return-string');
  const editor = page.getByTestId('sequence-text');
  const before = await editor.inputValue();
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('x = 1');
  await page.keyboard.press('Tab');
  await page.keyboard.type('# c');
  await expect(editor).toHaveValue(`${before}x = 1  # c`);
  // The pause applies the edit (the engine parses it and the page shows its text).
  await page.waitForTimeout(1500);
  await expect(editor).toHaveValue(`${before}x = 1  # c`);
  // Undo until nothing changes (the browser groups typing into steps as it likes).
  let last = await editor.inputValue();
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Control+z');
    const now = await editor.inputValue();
    if (now === last) break;
    last = now;
  }
  expect(last).toBe(before);
});
