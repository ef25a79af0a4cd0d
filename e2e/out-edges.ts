// out-edges.wasm (e2e/testdata/out-edges.wat: one export per awkward kind of output) opened from
// the start screen with a sequence of the given steps, as a person opens a module and its sequence.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, type Page } from './test.ts';
import { appUrl, pickModuleFiles } from './helpers.ts';

export async function openEdges(page: Page, steps: string[]): Promise<void> {
  await page.goto(appUrl());
  const buffer = await readFile(join(import.meta.dirname, 'testdata', 'out-edges.wasm'));
  await pickModuleFiles(page, { name: 'out-edges.wasm', mimeType: 'application/wasm', buffer });
  await expect(page.getByTestId('memory-view')).toBeVisible();
  const text = `module "out-edges.wasm"\n${steps.join('\n')}\n`;
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('open-sequence').click()]);
  await chooser.setFiles({ name: 'edges.wseq', mimeType: 'text/plain', buffer: Buffer.from(text) });
  await expect(page.getByTestId('step-counter')).toContainText(`step 0 / ${steps.length}`);
}
