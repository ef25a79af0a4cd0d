// A recent module in the browser reopens the copy of its bytes saved when it was opened: the
// page cannot read its path again. The list used to show only "file", so a module rebuilt since
// reopened as the old one without a word; its note now says it is a saved copy, and from when.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './test.ts';
import { appUrl, pickModuleFiles } from './helpers.ts';

test('a recent file says it reopens the copy saved when it was opened', async ({ page }) => {
  await page.goto(appUrl());
  const buffer = readFileSync(join(import.meta.dirname, '..', 'resources', 'examples', 'return-string', 'return-string.wasm'));
  await pickModuleFiles(page, { name: 'mine.wasm', mimeType: 'application/wasm', buffer });
  await expect(page.getByTestId('module-panel')).toContainText('mine.wasm');
  await page.getByTestId('home-button').click();
  const item = page.getByTestId('recent-item').filter({ hasText: 'mine.wasm' });
  await expect(item).toHaveCount(1);
  await expect(page.locator('li', { has: item }).getByTestId('recent-note')).toContainText('file (the copy saved ');
});
