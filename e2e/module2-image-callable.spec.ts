// The Module panel says what is true: of a coredump opened without its module, that the module is
// not known (it showed the dump file's own "kind library · 144 B · 0 functions" under trap.wasm),
// and the module's own facts once it is given; and it offers no call line for an export a
// sequence cannot call (a v128, a reference), nor does the empty editor's hint.

import { expect, test } from './test.ts';
import { join } from 'node:path';
import { appUrl, demoImage, fromStart, pickFiles, pickModuleFiles } from './helpers.ts';

const root = join(import.meta.dirname, '..');

test("a coredump without its module says the module is not known; given, the panel shows the module's own facts", async ({ page }, info) => {
  const core = info.outputPath('trap.core.wasm');
  demoImage('trap', '--coredump', core);
  await fromStart(page);
  await pickFiles(page, 'open-image', core);

  const panel = page.getByTestId('module-panel');
  await expect(page.getByTestId('module-unknown')).toHaveText(
    'The coredump names trap.wasm but holds none of its code: its kind, toolchain, allocator, imports and exports are known only with the module. give the module…');
  await expect(panel).not.toContainText('0 functions');
  await expect(page.getByTestId('module-kind')).toHaveCount(0);

  await pickFiles(page, 'module-unknown-give', join(root, 'resources', 'examples', 'trap', 'trap.wasm'));
  await expect(page.getByTestId('image-frame').first()).toContainText('divide');
  await expect(page.getByTestId('module-unknown')).toHaveCount(0);
  await expect(page.getByTestId('module-kind')).toBeVisible();
  await expect(panel).not.toContainText('144 B');
  // A read-only image runs nothing: its exports are listed, not offered as call lines.
  await expect(page.getByTestId('module-export')).toHaveCount(0);
  await expect(page.locator('[data-testid="module-export-nocall"][data-export="report"]')).toBeVisible();
});

// (memory 1) v128f (v128) -> i32, ref (externref) -> (), sum (i32, i32) -> i32 (wat2wasm).
const V128_MODULE = Buffer.from('0061736d0100000001100360017b017f60016f0060027f7f017f0304030001020503010001071e04066d656d6f7279020005763132386600000372656600010373756d00020a1103040041000b02000b0700200020016a0b', 'hex');

test('exports a sequence cannot call are listed with why, not offered as call lines; the empty editor hints only the others', async ({ page }) => {
  await page.goto(appUrl());
  await pickModuleFiles(page, { name: 'v.wasm', mimeType: 'application/wasm', buffer: V128_MODULE });
  await expect(page.getByTestId('memory-view')).toBeVisible();

  await expect(page.locator('[data-testid="module-export"]')).toHaveCount(1);
  const v128 = page.locator('[data-testid="module-export-nocall"][data-export="v128f"]');
  await expect(v128).toHaveAttribute('title', 'A sequence cannot call v128f: it takes a v128, which a sequence cannot pass (it passes numbers: i32, i64, f32, f64)');
  await expect(page.locator('[data-testid="module-export-nocall"][data-export="ref"]')).toBeVisible();

  const text = page.getByTestId('sequence-text');
  await text.fill('');
  await expect(text).toHaveAttribute('placeholder', '# one step per line, e.g.\nr = sum(0, 0)\n');
  await page.locator('[data-testid="module-export"][data-export="sum"]').click();
  await expect(text).toHaveValue(/^r = sum\(0, 0\)\n$/);
});
