// Export ▸ Wasm coredump and Export ▸ Host code in the web shell: a trapped demo saved as a
// coredump that V8 validates, and the sequence downloaded as a Node program.

import { readFile } from 'node:fs/promises';
import { expect, test } from './test.ts';
import { appUrl, openDemo } from './helpers.ts';

test.beforeEach(async ({ page }) => {
  await page.goto(appUrl());
  await expect(page.getByTestId('start-screen').or(page.getByTestId('home-button'))).toBeVisible();
});

test('a trap exported as a Wasm coredump', async ({ page }) => {
  await openDemo(page, 'trap');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'failed');
  await page.getByTestId('export-button').click();
  await page.getByTestId('export-coredump').check();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-save').click()]);
  expect(download.suggestedFilename()).toMatch(/^trap\.step\d+\.core\.wasm$/);
  const bytes = await readFile((await download.path())!);
  expect(WebAssembly.validate(bytes)).toBe(true);
  expect(bytes.includes(Buffer.from('corestack'))).toBe(true);
});

test("a Go library exported as host code: JavaScript on Go's wasm_exec.js; Rust refused, saying why", async ({ page }) => {
  await openDemo(page, 'go-library');
  await page.getByTestId('export-button').click();
  await page.getByTestId('export-language').selectOption('js');
  await page.getByTestId('export-host').check();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-save').click()]);
  expect(download.suggestedFilename()).toBe('go-library-host.mjs');
  const text = await readFile((await download.path())!, 'utf8');
  expect(text).toContain('  goRun(1n, 4112n);\n');
  expect(text).toContain('  bind("g", goCall("greet", ["ann"])[0]);\n');
  await page.getByTestId('export-button').click();
  await page.getByTestId('export-language').selectOption('rust');
  await page.getByTestId('export-save').click();
  await expect(page.getByText(/go-library\.wasm is a Go js\/wasm program .*only --lang js writes that runtime out/)).toBeVisible();
});

test('the sequence exported as host code', async ({ page }) => {
  await openDemo(page, 'return-string');
  await page.getByTestId('export-button').click();
  await page.getByTestId('export-language').selectOption('js');
  await page.getByTestId('export-host').check();
  await expect(page.getByTestId('export-copy')).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-save').click()]);
  expect(download.suggestedFilename()).toBe('return-string-host.mjs');
  const text = await readFile((await download.path())!, 'utf8');
  expect(text).toContain('// line 15: ret = malloc(8)');
  expect(text).toContain('const { instance } = await WebAssembly.instantiate(readFileSync(here(');
});
