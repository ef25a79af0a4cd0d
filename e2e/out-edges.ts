// A test module from e2e/testdata opened from the start screen with a sequence of the given
// steps, as a person opens a module and its sequence: out-edges.wasm (out-edges.wat: one export
// per awkward kind of output), page2-controls.wasm, page2-grow.wasm.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, type Page } from './test.ts';
import { appUrl, pickModuleFiles } from './helpers.ts';

export async function openTestModule(page: Page, wasm: string, steps: string[]): Promise<void> {
  await page.goto(appUrl());
  const buffer = await readFile(join(import.meta.dirname, 'testdata', wasm));
  await pickModuleFiles(page, { name: wasm, mimeType: 'application/wasm', buffer });
  await expect(page.getByTestId('memory-view')).toBeVisible();
  const text = `module "${wasm}"\n${steps.join('\n')}\n`;
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('open-sequence').click()]);
  await chooser.setFiles({ name: wasm.replace(/\.wasm$/, '.wseq'), mimeType: 'text/plain', buffer: Buffer.from(text) });
  await expect(page.getByTestId('step-counter')).toContainText(`step 0 / ${steps.length}`);
}

export const openEdges = (page: Page, steps: string[]): Promise<void> => openTestModule(page, 'out-edges.wasm', steps);
