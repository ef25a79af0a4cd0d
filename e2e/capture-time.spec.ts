// A step's capture time in the call log: Memscope's own work after the guest returned
// (StepRecord.captureMs), shown on the rows of steps that captured memory and on no other.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './test.ts';
import { appUrl, openDemo, pickModuleFiles, pressStep } from './helpers.ts';

const SCATTER = join(import.meta.dirname, '..', 'src-main', 'testdata', 'scatter.wasm');

test.beforeEach(async ({ page }) => {
  await page.goto(appUrl());
  await expect(page.getByTestId('start-screen').or(page.getByTestId('memory-view'))).toBeVisible();
});

test('a call step shows its capture time, a read step none', async ({ page }) => {
  await openDemo(page, 'return-string');
  // ret = malloc(8); ReturnString(ret); s = read {…} @ ret
  for (let i = 0; i < 3; i++) await pressStep(page);
  await expect(page.getByTestId('call-step')).toHaveCount(3);
  const capture = (step: number) => page.locator(`[data-testid="call-step"][data-step="${step}"] [data-testid="step-capture"]`);
  await expect(capture(0)).toHaveText(/^capture \d+(\.\d+)? (µs|ms|s)$/);
  await expect(capture(1)).toHaveText(/^capture /);
  await expect(capture(2)).toHaveCount(0);
});

test('a step row keeps its source and its counts readable in a narrow call log', async ({ page }) => {
  // The default call log is narrow: the row's counts once took all of it and left the source
  // (alloc(6), the line the row stands for) at no width at all. They wrap under it instead.
  await page.setViewportSize({ width: 1400, height: 900 });
  await openDemo(page, 'rust-greet');
  await pressStep(page);
  const row = page.locator('[data-testid="call-step"][data-step="0"] [data-testid="step-row"]');
  await expect(row.getByTestId('step-capture')).toBeVisible();
  const source = row.locator('.src');
  const [shown, full] = await source.evaluate((el) => [el.clientWidth, el.scrollWidth]);
  expect(shown).toBe(full);
  await expect(source).toHaveText('name = alloc(6)');
  // … and the counts are not cut off at the panel's edge either.
  const [rowBox, captureBox] = [await row.boundingBox(), await row.getByTestId('step-capture').boundingBox()];
  expect(captureBox!.x + captureBox!.width).toBeLessThanOrEqual(rowBox!.x + rowBox!.width);
});

test("a step too scattered to keep exactly: the call log says so, Explain counts no unchanged byte, the grid marks the exact bytes", async ({ page }) => {
  // go-hello's run(1, 4112) starts the Go runtime: ~5 KB changed in over 1,024 separate ranges,
  // so the step keeps the 4 KiB blocks that hold them. Explain once said "5295 bytes changed:
  // 237568 outside any region", counting every byte of those blocks.
  await openDemo(page, 'go-hello');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
  const last = page.locator('[data-testid="call-step"]').last();
  const change = last.getByTestId('step-change');
  await expect(change).toHaveText(/^\d+ B changed in \d+ blocks$/);
  await expect(change).toHaveAttribute('title', /the step keeps the \d+ blocks of 4 KiB that hold these \d+ bytes. The grid marks the exact bytes/);
  const [bytes, blocks] = ((await change.textContent()) ?? '').match(/\d+/g)!.map(Number) as [number, number];
  expect(bytes).toBeLessThan(blocks * 4096);
  await expect(last.getByTestId('step-explain')).toContainText(`${bytes} bytes changed, too scattered to list one by one (over 1,024 separate ranges): they lie in ${blocks} blocks of 4 KiB`);
  await expect(last.getByTestId('step-explain')).not.toContainText('outside any region');

  // The grid marks the exact bytes all the same (read before and after the step): in view, just
  // those Diff steps finds between steps 4 and 5, which it takes from memory itself.
  await page.getByTestId('diff-toggle').click();
  await page.getByTestId('diff-from').selectOption({ value: '3' });
  await page.getByTestId('diff-to').selectOption({ value: '4' });
  await page.getByTestId('diff-go').click();
  await expect(page.getByTestId('diff-summary')).toContainText(`${bytes} B differ`);
  const differ = await page.getByTestId('diff-range').evaluateAll((els) => els.map((e) => [Number(e.getAttribute('data-start')), Number(e.getAttribute('data-end'))] as const));
  const inView = () => page.evaluate((ranges) => {
    const rows = [...document.querySelectorAll<HTMLElement>('[data-testid="memory-grid"] [data-row-addr]')].map((r) => Number(r.dataset.rowAddr));
    const bytesPerRow = Number(document.querySelector<HTMLElement>('[data-testid="memory-grid"]')!.dataset.bytesPerRow);
    const [lo, hi] = [Math.min(...rows), Math.max(...rows) + bytesPerRow];
    const marked: number[] = [];
    for (const span of document.querySelectorAll<HTMLElement>('[data-testid="changed-byte"][data-age="0"]')) {
      for (let i = 0; i < Number(span.dataset.len); i++) marked.push(Number(span.dataset.addr) + i);
    }
    const expected: number[] = [];
    for (const [a, b] of ranges) for (let x = Math.max(a, lo); x < Math.min(b, hi); x++) expected.push(x);
    return { marked: marked.sort((x, y) => x - y), expected };
  }, differ);
  await expect.poll(async () => { const v = await inView(); return v.expected.length > 0 && JSON.stringify(v.marked) === JSON.stringify(v.expected); }).toBe(true);
});

test('a call row of a step kept as blocks goes to the first byte that changed, not the first block', async ({ page }) => {
  // scatter() writes every 8th byte from 0x1005: the step keeps 0x1000..0x4000 as blocks.
  await pickModuleFiles(page, { name: 'scatter.wasm', mimeType: 'application/wasm', buffer: readFileSync(SCATTER) });
  // The starter leaves an unrecognised export's call commented out: the one line, written here.
  await expect(page.getByTestId('sequence-text')).toHaveValue(/# scatter\(\)/);
  await page.getByTestId('sequence-text').fill('module "scatter.wasm"\nscatter()\n');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
  const step = page.locator('[data-testid="call-step"]').last();
  await expect(step.getByTestId('step-change')).toHaveText('1500 B changed in 3 blocks');
  await step.getByTestId('call-row').click();
  await expect(page.locator('[data-testid="memory-grid"] .b.sel')).toHaveAttribute('data-addr', String(0x1005));
});
