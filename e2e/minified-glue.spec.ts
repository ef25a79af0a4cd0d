// A minified Emscripten module (-O3) opened in the web shell together with the JavaScript
// Emscripten wrote with it (both picked in the file chooser): the module panel shows the glue's
// names and where they came from, the starter sequence Memscope writes by those names runs
// green, and the recent list reopens both. Picked alone, the module says what is missing.

import { expect, test } from './test.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appUrl, pickModuleFiles } from './helpers.ts';

const DIR = join(import.meta.dirname, '..', 'src-main', 'engine', 'host', 'testdata', 'emscripten-runtime');
const file = (name: string, mimeType: string) => ({ name, mimeType, buffer: readFileSync(join(DIR, name)) });

test.beforeEach(async ({ page }) => {
  await page.goto(appUrl());
});

test('a minified module picked with its glue runs by the glue\'s names', async ({ page }) => {
  await pickModuleFiles(page, file('greet-min.js', 'text/javascript'), file('greet-min.wasm', 'application/wasm'));
  await expect(page.getByTestId('module-names-from')).toContainText('from greet-min.js');
  await expect(page.getByTestId('module-import').filter({ hasText: 'fd_write' }).locator('.iname')).toHaveAttribute('title', 'wasi_snapshot_preview1.fd_write (a.a in the module)');
  await expect(page.getByTestId('module-warning')).toHaveCount(0);
  await expect(page.locator('[data-testid="module-export"][data-export="greet"]')).toBeVisible();
  await expect(page.getByTestId('sequence-text')).toHaveValue(/\nout = greet\(arg\)\n/);
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('step-error')).toHaveCount(0);
  await expect(page.locator('[data-testid="bound-value"][data-name="text"]')).toContainText('"hello, hello"');
  // Reopened from the start screen's recent list, it comes back with its glue.
  await page.getByTestId('home-button').click();
  await page.getByTestId('recent-item').filter({ hasText: 'greet-min.wasm' }).click();
  await expect(page.getByTestId('module-names-from')).toContainText('from greet-min.js');
});

test('picked alone, the minified module says what is missing', async ({ page }) => {
  await pickModuleFiles(page, file('greet-min.wasm', 'application/wasm'));
  await expect(page.getByTestId('module-names-from')).toHaveCount(0);
  await expect(page.locator('[data-testid="module-export"][data-export="f"]')).toBeVisible();
  await expect(page.getByTestId('module-warning')).toContainText('open (or drop) both together: Memscope reads the real names there');
});
