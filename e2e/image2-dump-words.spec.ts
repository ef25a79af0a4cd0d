// A coredump's memory in the page, exported as a snapshot and opened again: where it came from is
// said as the CLI's `memscope snapshot` says it (not "before the first step" beside its label,
// nor a call log of "0 steps"); and a coredump given as the dump's module is said to be one.

import { expect, test } from './test.ts';
import { readFile } from 'node:fs/promises';
import { demoImage, fromStart, pickFiles } from './helpers.ts';

test('a snapshot of a coredump says it is the dump\'s memory; a coredump as its module is said to be a coredump', async ({ page }, info) => {
  const core = info.outputPath('trap.step9.core.wasm');
  demoImage('trap', '--coredump', core);
  await fromStart(page);
  await pickFiles(page, 'open-image', core);
  await expect(page.getByTestId('image-panel')).toHaveAttribute('data-kind', 'coredump');

  // The same coredump given again as its module: it was "not the module … was dumped from: … has 0 functions".
  await pickFiles(page, 'image-module', core);
  await expect(page.getByTestId('error-message')).toContainText('trap.step9.core.wasm is a memory image (a snapshot, coredump or raw dump, by its name), not a module');

  await page.getByTestId('export-button').click();
  await page.getByTestId('export-sparse').check();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-save').click()]);
  const saved = { name: download.suggestedFilename(), mimeType: 'application/octet-stream', buffer: await readFile((await download.path())!) };
  expect(saved.name).toBe('trap.step9.core.msnap');

  await page.getByTestId('home-button').click();
  await pickFiles(page, 'open-image', saved);
  await expect(page.getByTestId('image-panel')).toHaveAttribute('data-kind', 'snapshot');
  await expect(page.getByTestId('image-origin')).toHaveText('trap.wasm, memory from coredump trap.step9.core.wasm, not taken at a step');
  await expect(page.getByTestId('image-call-log')).toHaveText('No call log: no step of a sequence led to this memory.');
});
