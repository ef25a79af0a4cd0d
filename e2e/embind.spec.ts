// An embind module (C++ built with `em++ --bind`) in the web shell: its functions and class are
// registered, not exported; the module panel lists them with their C++ signatures, a click adds a
// call by the registered name, and the sequence runs them: a string through embind's wire block,
// a class constructed, used and deleted.

import { expect, test } from './test.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appUrl, pickModuleFiles, screenshot } from './helpers.ts';

const RUNTIME = join(import.meta.dirname, '..', 'src-main', 'engine', 'host', 'testdata', 'emscripten-runtime');
const EMBIND = join(RUNTIME, 'embind-js.wasm');

test('registered functions are listed, added by a click and called by name', async ({ page }) => {
  await page.goto(appUrl());
  await pickModuleFiles(page, { name: 'embind-js.wasm', mimeType: 'application/wasm', buffer: readFileSync(EMBIND) });
  const editor = page.getByTestId('sequence-text');
  await expect(editor).toHaveValue(/# Embind: the module registers its C\+\+ functions and classes/);
  await expect(page.locator('[data-testid="module-registered"][data-name="widen"]')).toContainText('int64_t (int)');
  await expect(page.locator('[data-testid="module-registered"][data-name="Counter.label"]')).toContainText('std::string (const Counter*)');

  await editor.fill('module "embind-js.wasm"\nc = Counter(5)\nn = "Counter.increment"(c, 3)\ns = malloc(9)\nwrite u32 5 @ s\nwrite utf8 "hello" @ s + 4\nr = shout(s)\nfree(s)\nlen = read u32 @ r\ntext = read utf8 @ r + 4 [len]\nfree(r)\n"Counter.delete"(c)\n');
  await page.locator('[data-testid="module-registered"][data-name="add"]').click();
  await expect(editor).toHaveValue(/\nr2 = add\(0, 0\)\n?$/);
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('step-error')).toHaveCount(0);
  await expect(page.locator('[data-testid="bound-value"][data-name="n"]')).toContainText('8');
  await expect(page.locator('[data-testid="bound-value"][data-name="text"]')).toContainText('"hello!"');
  await expect(page.locator('[data-testid="bound-value"][data-name="r2"]')).toContainText('0');
});

test('a property is listed as its getter and setter, and a sequence reads and writes it', async ({ page }) => {
  await page.goto(appUrl());
  await pickModuleFiles(page, { name: 'embind-shapes-js.wasm', mimeType: 'application/wasm', buffer: readFileSync(join(RUNTIME, 'embind-shapes-js.wasm')) });
  await expect(page.locator('[data-testid="module-registered"][data-name="Shape.get sides"]')).toContainText('int (const Shape*)');
  await expect(page.locator('[data-testid="module-registered"][data-name="Shape.set color"]')).toContainText('void (Shape*, Color)');
  const editor = page.getByTestId('sequence-text');
  await editor.fill('module "embind-shapes-js.wasm"\ns = Shape(4)\n"Shape.set sides"(s, 6)\nn = "Shape.get sides"(s)\n"Shape.delete"(s)\n');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('step-error')).toHaveCount(0);
  await expect(page.locator('[data-testid="bound-value"][data-name="n"]')).toContainText('6');
  await screenshot(page, 'embind-property');
});

test('the exception object an uncaught C++ throw leaves is listed in the heap as what it holds', async ({ page }) => {
  await page.goto(appUrl());
  await pickModuleFiles(page, { name: 'throw-js.wasm', mimeType: 'application/wasm', buffer: readFileSync(join(RUNTIME, 'throw-js.wasm')) });
  const editor = page.getByTestId('sequence-text');
  await editor.fill('module "throw-js.wasm"\na = malloc(2)\nwrite utf8 "x\\0" @ a\nr = parse_digit(a)\n');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'failed');
  await expect(page.getByTestId('call-error')).toContainText('uncaught exception: the guest threw a C++ std::invalid_argument');
  const thrown = page.locator('[data-testid="heap-block"]').filter({ hasText: 'a thrown C++ std::invalid_argument nothing caught' });
  await expect(thrown).toHaveCount(1);
  await expect(thrown).toContainText('parse_digit');
  await screenshot(page, 'heap-uncaught-exception');
});
