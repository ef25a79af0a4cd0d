// Export ▸ snapshot in the web shell, opened again from the start screen and exported again:
// the same bytes (sparse and raw from a snapshot, a coredump from a coredump), and the popover
// says whose memory it exports.

import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from './test.ts';
import { pressStep } from './helpers.ts';
import { openTestModule } from './out-edges.ts';

interface Saved { name: string; bytes: Buffer }

async function exportAs(page: Page, kind: 'sparse' | 'bin' | 'coredump', memory: string): Promise<Saved> {
  await page.getByTestId('export-button').click();
  await expect(page.getByTestId('export-memory')).toHaveText(memory);
  await page.getByTestId(`export-${kind}`).check();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-save').click()]);
  return { name: download.suggestedFilename(), bytes: await readFile((await download.path())!) };
}

async function openImage(page: Page, file: Saved): Promise<void> {
  await page.getByTestId('home-button').click();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('open-image').click()]);
  await chooser.setFiles({ name: file.name, mimeType: 'application/octet-stream', buffer: file.bytes });
  await expect(page.getByTestId('image-panel')).toHaveAttribute('data-kind', /./);
  await expect(page.getByTestId('read-only-reason')).toContainText(file.name);
}

test('a snapshot and a coredump exported, opened and exported again give the same bytes', async ({ page }) => {
  await openTestModule(page, 'page3-values.wasm', ['fill()', 'grow()']);
  await pressStep(page);
  await pressStep(page);
  const sparse = await exportAs(page, 'sparse', 'Memory now (live)');
  const bin = await exportAs(page, 'bin', 'Memory now (live)');
  const core = await exportAs(page, 'coredump', 'Memory now (live)');
  expect(bin.bytes.length).toBe(2 * 65536);

  await openImage(page, sparse);
  await expect(page.getByTestId('image-origin')).toHaveText('page3-values.wasm, after step 2 (line 3: grow())');
  // Before, the popover said "Memory now (live)" of a file opened read-only.
  const asOpened = `Memory of ${sparse.name}, as opened`;
  expect((await exportAs(page, 'sparse', asOpened)).bytes.equals(sparse.bytes)).toBe(true);
  expect((await exportAs(page, 'bin', asOpened)).bytes.equals(bin.bytes)).toBe(true);

  await openImage(page, core);
  expect((await exportAs(page, 'coredump', `Memory of ${core.name}, as opened`)).bytes.equals(core.bytes)).toBe(true);
  expect((await exportAs(page, 'bin', `Memory of ${core.name}, as opened`)).bytes.equals(bin.bytes)).toBe(true);
});
