// A coredump's memory in the page, exported as a snapshot and opened again: where it came from is
// said as the CLI's `memscope snapshot` says it (not "before the first step" beside its label,
// nor a call log of "0 steps"); and a coredump given as the dump's module is said to be one.

import { expect, test, type Page } from './test.ts';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { appUrl } from './helpers.ts';

const root = join(import.meta.dirname, '..');

async function pick(page: Page, button: string, file: string | { name: string; buffer: Buffer }): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId(button).click()]);
  await chooser.setFiles(typeof file === 'string' ? file : { ...file, mimeType: 'application/octet-stream' });
}

test('a snapshot of a coredump says it is the dump\'s memory; a coredump as its module is said to be a coredump', async ({ page }, info) => {
  const core = info.outputPath('trap.step9.core.wasm');
  try {
    execFileSync(process.execPath, [join(root, 'bin', 'memscope.js'), 'run', join(root, 'resources', 'examples', 'trap', 'trap.wseq'), '--coredump', core], { stdio: 'pipe' });
  } catch (e) {
    // The trap demo fails its last step on purpose (exit 1); its coredump is still written.
    if ((e as { status?: number }).status !== 1) throw e;
  }
  await page.goto(appUrl());
  await expect(page.getByTestId('start-screen').or(page.getByTestId('memory-view'))).toBeVisible();
  if (!(await page.getByTestId('start-screen').isVisible())) await page.getByTestId('home-button').click();
  await pick(page, 'open-image', core);
  await expect(page.getByTestId('image-panel')).toHaveAttribute('data-kind', 'coredump');

  // The same coredump given again as its module: it was "not the module … was dumped from: … has 0 functions".
  await pick(page, 'image-module', core);
  await expect(page.getByTestId('error-message')).toContainText('trap.step9.core.wasm is a memory image (a snapshot, coredump or raw dump, by its name), not a module');

  await page.getByTestId('export-button').click();
  await page.getByTestId('export-sparse').check();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-save').click()]);
  const saved = { name: download.suggestedFilename(), buffer: await readFile((await download.path())!) };
  expect(saved.name).toBe('trap.step9.core.msnap');

  await page.getByTestId('home-button').click();
  await pick(page, 'open-image', saved);
  await expect(page.getByTestId('image-panel')).toHaveAttribute('data-kind', 'snapshot');
  await expect(page.getByTestId('image-origin')).toHaveText('trap.wasm, memory from coredump trap.step9.core.wasm, not taken at a step');
  await expect(page.getByTestId('image-call-log')).toHaveText('No call log: no step of a sequence led to this memory.');
});
