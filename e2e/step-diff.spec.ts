// Diff of two steps in the UI (issue 14, build item 3) against the CLI: the memory after step 1
// and after step 5 of the string demo, exported from the UI as .msnap files, diffed by
// `memscope snapshot --diff --json`: the UI lists the same ranges.

import { expect, test, type Page } from './test.ts';
import { join } from 'node:path';
import { appUrl, diffRanges, diffSteps, memscopeOk, openDemo } from './helpers.ts';

test.beforeEach(async ({ page }) => {
  await page.goto(appUrl());
  await expect(page.getByTestId('start-screen').or(page.getByTestId('memory-view'))).toBeVisible();
});

/** Exports the sparse snapshot of the memory after step `index` (0-based) and returns its path. */
async function exportStep(page: Page, index: number, dir: string): Promise<string> {
  await page.getByTestId('step-picker').selectOption({ value: String(index) });
  await expect(page.getByTestId('viewing-past-step')).toContainText(`after step ${index + 1}`);
  await page.getByTestId('export-button').click();
  await page.getByTestId('export-sparse').check();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-save').click()]);
  const path = join(dir, `step${index + 1}.msnap`);
  await download.saveAs(path);
  return path;
}

test('diff of step 1 and step 5 lists the ranges memscope snapshot --diff reports', async ({ page }, info) => {
  await openDemo(page, 'return-string');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');

  await diffSteps(page, 0, 4);
  await expect(page.getByTestId('diff-summary')).toContainText('differ');
  const ui = await diffRanges(page);
  expect(ui.length).toBeGreaterThan(0);
  // The first range is marked in the grid as the current one; next moves on.
  await expect(page.locator(`[data-testid="memory-grid"] [data-addr="${ui[0]![0]}"]`)).toHaveAttribute('data-hit', '1');

  const dir = info.outputPath();
  const [a, b] = [await exportStep(page, 0, dir), await exportStep(page, 4, dir)];
  const cli = JSON.parse(memscopeOk(['snapshot', a, '--diff', b, '--json'])) as { diff: { ranges: [number, number][] } };
  expect(ui).toEqual(cli.diff.ranges);

  // A Reset replaces the two steps' records: the list and the grid's marks go with them.
  await page.keyboard.press('Control+Shift+F5');
  await expect(page.getByTestId('step-counter')).toContainText('step 0 /');
  await expect(page.getByTestId('diff-summary')).toBeHidden();
  await expect(page.getByTestId('diff-range')).toHaveCount(0);
  await expect(page.locator('[data-testid="memory-grid"] [data-hit="1"]')).toHaveCount(0);
});

// Issue 14: a snapshot file diffed against live memory, in the same view and with the CLI's
// diff engine: a snapshot saved after step 1, diffed against the memory at the end of the run.
test('a saved snapshot diffed against live memory lists the ranges memscope snapshot --diff reports', async ({ page }, info) => {
  await openDemo(page, 'return-string');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
  const dir = info.outputPath();
  const first = await exportStep(page, 0, dir);
  await page.getByTestId('back-to-live').click();
  await page.getByTestId('export-button').click();
  await page.getByTestId('export-sparse').check();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-save').click()]);
  const live = join(dir, 'live.msnap');
  await download.saveAs(live);

  await page.getByTestId('diff-toggle').click();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('diff-file').click()]);
  await chooser.setFiles(first);
  await expect(page.getByTestId('diff-summary')).toContainText('between step1.msnap and live memory');
  const ui = await diffRanges(page);
  expect(ui.length).toBeGreaterThan(0);
  await expect(page.locator(`[data-testid="memory-grid"] [data-addr="${ui[0]![0]}"]`)).toHaveAttribute('data-hit', '1');
  const cli = JSON.parse(memscopeOk(['snapshot', first, '--diff', live, '--json'])) as { diff: { ranges: [number, number][] } };
  expect(ui).toEqual(cli.diff.ranges);
});
