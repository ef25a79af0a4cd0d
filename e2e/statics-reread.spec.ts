// The Statics panel's values are read again whenever its rows are new, not only when their names
// change: a module's info sent again (an edit of the sequence) brings new objects for the same
// statics, and the filter typed and cleared lists them anew; every row must still show its value.
// The module is a real clang-19 -g build (src-main/engine/module/dwarf/testdata/statics.c).

import { expect, test } from './test.ts';
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appUrl, pickModuleFiles } from './helpers.ts';

const TESTDATA = join(import.meta.dirname, '..', 'src-main', 'engine', 'module', 'dwarf', 'testdata');

/** Each top-level row of the Statics panel that is no struct: its name and the value it shows. */
async function expectEveryValue(page: Page, names: string[]): Promise<void> {
  const rows = page.locator('[data-testid="statics"] ul[role="tree"] > [data-testid="static-item"] > .line > [data-testid="static-row"]');
  await expect(rows).toHaveCount(names.length);
  for (const name of names) {
    await expect(page.locator(`[data-testid="statics"] [data-testid="static-row"][data-name="${name}"] [data-testid="static-value"]`)).toHaveText(/^= \S/);
  }
}

test('every Statics row shows its value at step 0, after the sequence is typed and after the filter is cleared', async ({ page }) => {
  await page.goto(appUrl());
  await pickModuleFiles(page, { name: 'statics.wasm', mimeType: 'application/wasm', buffer: readFileSync(join(TESTDATA, 'statics.wasm')) });
  await page.getByTestId('sequence-text').fill(readFileSync(join(TESTDATA, 'statics.wseq'), 'utf8'));
  await expect(page.getByTestId('step-counter')).toContainText('step 0 / 8');
  const names = ['greeting', 'origin', 'grid', 'count', 'table', 'calls::n', 'calls::none', 'names'];
  await expectEveryValue(page, names);
  await expect(page.locator('[data-testid="static-row"][data-name="origin"] [data-testid="static-value"]')).toHaveText('= { x: 1, y: 2 }');
  const filter = page.getByTestId('statics-filter');
  await filter.fill('calls');
  await expectEveryValue(page, ['calls::n', 'calls::none']);
  await filter.fill('');
  await expectEveryValue(page, names);
});

test('a row\'s text read after its value (a Rust &str\'s) shows again when the row\'s bytes are read again', async ({ page }) => {
  await page.goto(appUrl());
  await pickModuleFiles(page, { name: 'statics-rust.wasm', mimeType: 'application/wasm', buffer: readFileSync(join(TESTDATA, 'statics-rust.wasm')) });
  // Typing the sequence sends the module's info again: the rows are new and read again.
  await page.getByTestId('sequence-text').fill('bump()\n');
  await expect(page.getByTestId('step-counter')).toContainText('step 0 / 1');
  const greeting = page.locator('[data-testid="statics"] [data-testid="static-row"][data-name="statics::GREETING"]');
  await expect(greeting.getByTestId('static-value')).toHaveText('= len 5');
  // Was missing: the text was dropped while the bytes were away and not read again for the same bytes.
  await expect(greeting.getByTestId('static-text')).toHaveText('"hello"');
});
