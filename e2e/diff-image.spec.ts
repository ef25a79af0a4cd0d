// Diffs in the page beyond the plain case (step-diff.spec.ts): a snapshot of another module and
// memory size, a raw .bin, a coredump, a cut-off file, memory grown between two steps, and a
// diff of 100,000 changed ranges in 64 MiB, whose list stays a bounded number of rows.

import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from './test.ts';
import { appUrl, diffSteps, openDemo } from './helpers.ts';
import { openTestModule } from './out-edges.ts';

test.beforeEach(async ({ page }) => {
  await page.goto(appUrl());
  await expect(page.getByTestId('start-screen').or(page.getByTestId('memory-view'))).toBeVisible();
});

/** Exports the memory shown as `kind` and returns the file as the file chooser takes it. */
async function exportShown(page: Page, kind: 'export-sparse' | 'export-bin' | 'export-coredump'): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  await page.getByTestId('export-button').click();
  await page.getByTestId(kind).check();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-save').click()]);
  return { name: download.suggestedFilename(), mimeType: 'application/octet-stream', buffer: await readFile((await download.path())!) };
}

async function diffFile(page: Page, file: { name: string; mimeType: string; buffer: Buffer } | string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('diff-file').click()]);
  await chooser.setFiles(file);
}

test("a snapshot of another module and memory size: both said, naming both; its own .bin and coredump: no bytes differ", async ({ page }) => {
  await openDemo(page, 'trap');
  const trap = await exportShown(page, 'export-sparse');
  const trapCore = await exportShown(page, 'export-coredump');
  await openDemo(page, 'return-string');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
  await page.getByTestId('diff-toggle').click();
  await diffFile(page, trap);
  await expect(page.getByTestId('diff-summary')).toContainText(`between ${trap.name} and live memory`);
  const warnings = page.getByTestId('diff-warning');
  await expect(warnings).toHaveCount(2);
  await expect(warnings.nth(0)).toHaveText(`memory sizes differ: ${trap.name} has 65536 bytes (1 page), live memory 131072 bytes (2 pages); the bytes past 0x10000, where ${trap.name} ends, are compared with zero`);
  await expect(warnings.nth(1)).toContainText(`different modules: ${trap.name} is of trap.wasm`);
  await expect(warnings.nth(1)).toContainText('live memory of return-string.wasm');
  // Its coredump, which records the module's name but no hash: said too (before, nothing was).
  await diffFile(page, trapCore);
  await expect(page.getByTestId('diff-summary')).toContainText(`between ${trapCore.name} and live memory`);
  await expect(warnings).toHaveCount(2);
  await expect(warnings.nth(1)).toContainText(`different modules: ${trapCore.name} is a coredump of trap.wasm, live memory of return-string.wasm (sha256 `);

  // The memory's own raw dump and coredump: nothing differs, and nothing to warn of.
  for (const kind of ['export-bin', 'export-coredump'] as const) {
    const own = await exportShown(page, kind);
    await diffFile(page, own);
    await expect(page.getByTestId('diff-summary')).toHaveText(`no bytes differ between ${own.name} and live memory`);
    await expect(warnings).toHaveCount(0);
  }

  // Cut off mid-block: the error names the file and the byte offset the reader stopped at.
  const whole = await exportShown(page, 'export-sparse');
  await diffFile(page, { ...whole, name: 'cut.msnap', buffer: whole.buffer.subarray(0, whole.buffer.length - 100) });
  await expect(page.getByTestId('diff-error')).toContainText(/^cut\.msnap: byte offset \d+ \(0x[0-9a-f]+\): /);
  // The last comparison's list went with it: under the error it read as this file's result.
  await expect(page.getByTestId('diff-summary')).toHaveCount(0);

  // Another module opened: the list of the last one's diff goes.
  await diffFile(page, trap);
  await expect(page.getByTestId('diff-summary')).toBeVisible();
  await openDemo(page, 'trap');
  await expect(page.getByTestId('diff-summary')).toHaveCount(0);
});

test('memory grown between the two steps: said, and the byte in the new page listed', async ({ page }) => {
  await openTestModule(page, 'page2-grow.wasm', ['touch()', 'grow_to(2)']);
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
  await diffSteps(page, 0, 1);
  await expect(page.getByTestId('diff-summary')).toHaveText('1 B differ in 1 range');
  await expect(page.getByTestId('diff-warning')).toHaveText('memory sizes differ: memory after step 1 has 65536 bytes (1 page), memory after step 2 131072 bytes (2 pages); the bytes past 0x10000, where memory after step 1 ends, are compared with zero');
  await expect(page.getByTestId('diff-range')).toHaveAttribute('data-start', String(0x1ffff));
});

test('100,000 changed ranges in 64 MiB: a bounded list, the rest counted, every range reached with the keys', async ({ page }) => {
  await openTestModule(page, 'diff-many.wasm', ['fill(1)', 'fill(2)']);
  // (A snapshot after fill(1) is 61 MiB, past the 32 MiB the web shell takes, which it says.)
  const initial = await exportShown(page, 'export-sparse');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
  await diffSteps(page, 0, 1);
  await expect(page.getByTestId('diff-summary')).toHaveText('100000 B differ in 100000 ranges', { timeout: 90_000 });
  await expect(page.getByTestId('diff-range')).toHaveCount(500);
  await expect(page.getByTestId('diff-more')).toHaveText('99500 more not listed here (ranges 1–500 of 100000 shown; ↑ ↓ go through all 100000)');
  // Previous from the first: the last range, listed with its block of rows and marked current.
  await page.getByTestId('diff-prev').focus();
  await page.keyboard.press('Enter');
  const last = 0x1000 + 99_999 * 640;
  await expect(page.locator('[data-testid="diff-range"][aria-current="true"]')).toHaveAttribute('data-start', String(last));
  await expect(page.getByTestId('diff-range')).toHaveCount(500);
  await expect(page.locator(`[data-testid="memory-grid"] [data-addr="${last}"]`)).toHaveAttribute('data-hit', '1');

  // The snapshot before the steps (all zeros, a small file) against live memory: the backend sends
  // the first 10,000 ranges; the summary counts all 100,000 and the list says the rest are not sent.
  await diffFile(page, initial);
  await expect(page.getByTestId('diff-summary')).toHaveText(`100000 B differ in 100000 ranges between ${initial.name} and live memory`, { timeout: 90_000 });
  await expect(page.getByTestId('diff-range')).toHaveCount(500);
  await expect(page.getByTestId('diff-more')).toContainText('90000 more past the first 10000, not sent');
});
