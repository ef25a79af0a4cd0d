// On a memory image opened read-only, every key that would run or go back says why nothing runs,
// in F10's words: Shift+F10 and Alt+F5 did nothing and said nothing on a coredump (it has no
// step before its own), while F10 and Ctrl+Shift+F5 said why.

import { expect, test } from './test.ts';
import { demoImage, fromStart, pickFiles } from './helpers.ts';

test('on a coredump, Shift+F10 and Alt+F5 say it is read-only, as F10 does', async ({ page }, info) => {
  const core = info.outputPath('trap.core.wasm');
  demoImage('trap', '--coredump', core);
  await fromStart(page);
  await pickFiles(page, 'open-image', core);
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'read-only');

  const bar = page.getByTestId('error-bar');
  await expect(bar).toHaveCount(0);
  for (const key of ['Shift+F10', 'Alt+F5', 'F10']) {
    await page.keyboard.press(key);
    await expect(bar, key).toBeVisible();
    await expect(page.getByTestId('error-message'), key).toHaveText(/^trap\.core\.wasm is a Wasm coredump, opened read-only: no guest runs/);
    await page.keyboard.press('Escape');
    await expect(bar, key).toHaveCount(0);
  }
});
