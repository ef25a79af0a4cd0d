// Output cut short at its end (e2e/testdata/out-cut.wat): a character whose last byte never comes
// because the guest trapped shows as U+FFFD, and an escape cut short at the end shows as text, as
// the CLI shows them; before, the panel held both for good and showed nothing of them. A
// character split between two steps is not shown as U+FFFD while its second half may still come.

import { expect, test } from './test.ts';
import { pressStep, terminalRows } from './helpers.ts';
import { openTestModule } from './out-edges.ts';

test('a character cut short by a trap shows as U+FFFD, also after a reload', async ({ page }) => {
  await openTestModule(page, 'out-cut.wasm', ['cut_char()']);
  await pressStep(page);
  await expect(page.getByTestId('terminal-bytes')).toHaveText('7 B');
  await expect.poll(() => terminalRows(page)).toEqual(['half \ufffd']);
  // The session's view brings its output and its state (failed) to a fresh page.
  await page.reload();
  await expect(page.getByTestId('step-counter')).toContainText('step 1 /');
  await expect.poll(() => terminalRows(page)).toEqual(['half \ufffd']);
});

test('an escape cut short when the steps are done shows as text', async ({ page }) => {
  await openTestModule(page, 'out-cut.wasm', ['cut_esc()']);
  await pressStep(page);
  await expect(page.getByTestId('terminal-bytes')).toHaveText('7 B');
  await expect.poll(() => terminalRows(page)).toEqual(['[err] esc \\x1b[3']);
});

test('a character split between two steps waits for its second half, and a step back does not cut it', async ({ page }) => {
  await openTestModule(page, 'out-cut.wasm', ['first_half()', 'second_half()']);
  await pressStep(page);
  await expect(page.getByTestId('terminal-bytes')).toHaveText('7 B');
  await expect.poll(() => terminalRows(page)).toEqual(['half']);
  await pressStep(page);
  await expect.poll(() => terminalRows(page)).toEqual(['half \u20ac']);
  // Back to step 1 (the output replayed, not ended) and forward again: still whole.
  await page.keyboard.press('Shift+F10');
  await expect(page.getByTestId('step-counter')).toContainText('step 1 /');
  await expect.poll(() => terminalRows(page)).toEqual(['half']);
  await pressStep(page);
  await expect.poll(() => terminalRows(page)).toEqual(['half \u20ac']);
});
