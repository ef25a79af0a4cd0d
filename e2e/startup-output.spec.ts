// What a module prints while instantiating (a reactor's _initialize) reaches the UI terminal,
// and the _initialize call is the call log's first entry with the imports it made: both are
// part of the session view, so they show although no step ran and no page listened yet.

import { expect, test } from './test.ts';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { appUrl, pickModuleFiles } from './helpers.ts';

test('output of _initialize appears in the terminal', async ({ page }) => {
  await page.goto(appUrl());
  const buffer = await readFile(join(import.meta.dirname, 'testdata', 'init-prints.wasm'));
  await pickModuleFiles(page, { name: 'init-prints.wasm', mimeType: 'application/wasm', buffer });
  await expect(page.getByTestId('memory-view')).toBeVisible();
  await expect(page.getByTestId('terminal-screen')).toContainText('hello from _initialize!');
  const init = page.getByTestId('init-call');
  await expect(init.getByTestId('call-row')).toContainText('_initialize() → ()');
  await expect(init.locator('[data-testid="import-row"][data-import$="fd_write"]')).toContainText('fd_write(fd=1, "hello from _initialize!\\n") → 24 bytes');
});
