// A step stopped after its guest made import calls (src-main/engine/host/testdata/chatter-then-spin.wat:
// chatter(n) writes n lines, then loops forever): the call log said only that it was stopped, as
// the calls' records ended with the worker, though the Output panel had every line. It now says
// how many import calls were made, in the words `memscope run` uses.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './test.ts';
import { appUrl, pickModuleFiles } from './helpers.ts';

const WASM = join(import.meta.dirname, '..', 'src-main', 'engine', 'host', 'testdata', 'chatter-then-spin.wasm');

test('the call log says how many import calls a stopped step made', async ({ page }) => {
  await page.goto(appUrl());
  await pickModuleFiles(page, { name: 'chatter-then-spin.wasm', mimeType: 'application/wasm', buffer: await readFile(WASM) });
  await expect(page.getByTestId('memory-view')).toBeVisible();
  // A limit far above this test's waits: Stop, not the limit, ends the step.
  const text = 'module "chatter-then-spin.wasm"\ntimeout 120000\nchatter(5)\n';
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('open-sequence').click()]);
  await chooser.setFiles({ name: 'chatter-then-spin.wseq', mimeType: 'text/plain', buffer: Buffer.from(text) });
  await expect(page.getByTestId('step-counter')).toContainText('step 0 / 1');

  await page.keyboard.press('F5');
  // Every line is out: the guest only spins from here, so the count is exact.
  await expect(page.getByTestId('terminal-bytes')).toHaveText('10 B');
  await page.getByTestId('stop-button').click();
  await expect(page.getByTestId('termination')).toContainText('stopped by the user');
  await expect(page.getByTestId('imports-before-end')).toHaveText('← 5 import calls made before the worker was ended (their records ended with it)');
});
