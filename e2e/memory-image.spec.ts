// Memory images in the app, read-only (issue 12: a coredump; issue 14: a saved snapshot), one
// session kind for both: written by the real CLI (`run --coredump`, `run --snapshot`), opened from
// the start screen, shown in the grid, inspector, regions and stack panel; stepping and editing
// are off and say why.

import { expect, test } from './test.ts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoImage, fromStart, gotoAddress, gridAscii, gridByteText, memscopeOk, pickFiles } from './helpers.ts';

const root = join(import.meta.dirname, '..');
const examples = join(root, 'resources', 'examples');

test('a coredump opens read-only: grid, inspector, the stack named from its module, stepping off with the reason', async ({ page }, info) => {
  const core = info.outputPath('trap.core.wasm');
  demoImage('trap', '--coredump', core);
  await fromStart(page);
  await pickFiles(page, 'open-image', core);

  await expect(page.getByTestId('image-panel')).toHaveAttribute('data-kind', 'coredump');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'read-only');
  const reason = page.getByTestId('read-only-reason');
  await expect(reason).toContainText('trap.core.wasm is a Wasm coredump, opened read-only');
  // Without the module, frames are numbers; with it beside the dump, names.
  await expect(page.getByTestId('image-frame')).toHaveText([/wasm-function\[4\]/, /wasm-function\[2\]/, /wasm-function\[1\]/, /wasm-function\[0\]/]);
  await pickFiles(page, 'image-module', join(examples, 'trap', 'trap.wasm'));
  await expect(page.getByTestId('image-frame')).toHaveText([/#0 divide/, /#1 mean/, /#2 average/, /#3 report/]);
  await expect(page.getByTestId('image-origin')).toHaveText('Wasm coredump of trap.wasm, stopped in divide');

  // The grid and inspector read the dump's memory: the sequence wrote u32 10, 20, 30, 40 at 256.
  await gotoAddress(page, '0x100');
  await expect.poll(() => gridByteText(page, 260)).toBe('14');
  await expect(page.getByTestId('inspector-u32')).toHaveText('10');

  // Nothing runs: the buttons are off and say why; F10 says why in the error bar.
  await expect(page.getByTestId('step-button')).toBeDisabled();
  await expect(page.getByTestId('reset-button')).toBeDisabled();
  await expect(page.getByTestId('step-button')).toHaveAttribute('title', /opened read-only/);
  await page.keyboard.press('F10');
  await expect(page.getByTestId('error-message')).toContainText('opened read-only: no guest runs');
  await expect(page.getByTestId('edit-read-only')).toBeVisible();
  await expect(page.getByTestId('struct-read')).toBeDisabled();
  await expect(page.getByTestId('sequence-text')).toHaveCount(0);
});

test('a coredump\'s globals are listed with their exact values: NaN payloads, -0, the i64 extremes, a v128', async ({ page }, info) => {
  // edge-globals.wat's `set` stores values a JS number cannot carry; the dump keeps their bits.
  const module = join(root, 'src-main', 'engine', 'coredump', 'testdata', 'edge-globals.wasm');
  const sequence = info.outputPath('edge-globals.wseq');
  writeFileSync(sequence, 'set()\n');
  const core = info.outputPath('edge-globals.core.wasm');
  memscopeOk(['run', sequence, '--module', module, '--coredump', core]);
  await fromStart(page);
  await pickFiles(page, 'open-image', core);
  await pickFiles(page, 'image-module', module);
  await expect(page.getByTestId('image-globals').locator('li')).toHaveText([
    /f32_snan mut f32 = NaN:0x200001$/, /f64_nan mut f64 = -NaN:0xabc$/, /f32_neg0 mut f32 = -0$/, /f64_neg0 mut f64 = -0$/,
    /i64_min mut i64 = -9223372036854775808$/, /i64_max mut i64 = 9223372036854775807$/, /declared_nan f64 = -NaN:0x4$/,
    /lanes mut v128 = v128 0x8f0e0d0c0b0a09080706050403020100$/,
  ]);
});

test('a saved snapshot opens read-only the same way: its regions, names and call log', async ({ page }, info) => {
  const snap = info.outputPath('return-string.msnap');
  demoImage('return-string', '--snapshot', snap);
  await fromStart(page);
  await pickFiles(page, 'open-image', snap);

  await expect(page.getByTestId('image-panel')).toHaveAttribute('data-kind', 'snapshot');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'read-only');
  await expect(page.getByTestId('image-origin')).toContainText('return-string.wasm, after step');
  await expect(page.getByTestId('read-only-reason')).toContainText('return-string.msnap is a saved snapshot, opened read-only');
  await expect(page.locator('[data-testid="region-chip"][data-region-name="text"]')).toBeVisible();
  await expect(page.getByTestId('call-step').first()).toBeVisible();

  // A region name goes to its bytes, as in a live session.
  await gotoAddress(page, 'text');
  await expect.poll(() => gridAscii(page)).toContain('hello from C');
  await expect(page.getByTestId('inspector-utf8')).toContainText('hello from C');
  await expect(page.getByTestId('step-button')).toBeDisabled();
  await expect(page.getByTestId('diff-toggle')).toBeDisabled();
});
