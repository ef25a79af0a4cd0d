// The grid's keys at the edges of memory: a memory of 0 pages has no byte to select or go to, and
// a memory that grows while the selection sits on its last byte lets the arrows go on into the
// new page.

import { expect, test } from './test.ts';
import { join } from 'node:path';
import { appUrl, gotoAddress, pickModuleFiles, pressStep } from './helpers.ts';
import { ownModuleBytes } from './own-module.ts';

const WAT = join(import.meta.dirname, 'fixtures', 'grow-from-zero.wat');

test('the keys in a 0-page memory select nothing, and after it grows they reach its new bytes', async ({ page }) => {
  await page.goto(appUrl());
  await pickModuleFiles(page, { name: 'grow-from-zero.wasm', mimeType: 'application/wasm', buffer: await ownModuleBytes(WAT) });
  await expect(page.getByTestId('memory-view')).toBeVisible();
  await page.getByTestId('sequence-text').fill('module "grow-from-zero.wasm"\ngrow(1)\npoke(0xffff, 7)\ngrow(1)\n');
  const grid = page.getByTestId('memory-grid');
  const inspector = page.getByTestId('inspector-address');
  const live = page.getByTestId('grid-announce');

  await grid.focus();
  for (const key of ['ArrowRight', 'ArrowDown', 'Control+End', 'Control+Home']) await page.keyboard.press(key);
  // Address 0 of no memory was selected and said.
  await expect(live).toHaveText('');
  await expect(inspector).toHaveCount(0);
  await gotoAddress(page, '0x0');
  await expect(page.getByTestId('goto-error')).toContainText('0x0 (0) is outside memory (none)');

  await pressStep(page);
  await pressStep(page);
  await grid.focus();
  await page.keyboard.press('Control+End');
  await expect(inspector).toHaveText('at 0x0000ffff');
  await expect(live).toHaveText('0x0000ffff: 07, changed by the step shown');
  await page.keyboard.press('ArrowRight');
  await expect(inspector).toHaveText('at 0x0000ffff');

  // A second page after the selected last byte: the arrows move into it.
  await pressStep(page);
  await grid.focus();
  await page.keyboard.press('ArrowRight');
  await expect(inspector).toHaveText('at 0x00010000');
  await page.keyboard.press('Control+End');
  await expect(inspector).toHaveText('at 0x0001ffff');
  await expect(grid.locator('[data-row-addr="131056"]')).toBeAttached();
});
