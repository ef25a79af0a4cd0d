// The Output panel with awkward guest output (e2e/testdata/out-edges.wat): bytes that are not
// UTF-8, ANSI colours, a lone CR, stderr between stdout; stepping back and forward shows each
// step's output once; 5 MB of lines says the terminal keeps only the newest lines, and Clear
// drops what was still queued.

import { expect, test, type Page } from './test.ts';
import { pressStep, terminalRows } from './helpers.ts';
import { openEdges } from './out-edges.ts';


test('awkward output shows as a terminal shows it, and bytes that are not UTF-8 show as U+FFFD, not nothing', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 1200 });
  await openEdges(page, ['ansi()', 'bad_utf8()', 'lone_cr()', 'err()']);
  for (let i = 0; i < 4; i++) await pressStep(page);
  await expect(page.getByTestId('terminal-bytes')).toHaveText(`${21 + 14 + 27 + 10} B`);
  // Before, xterm's decoder dropped the three bytes that are not UTF-8: "bad  utf8".
  await expect.poll(() => terminalRows(page)).toEqual(['green plain', 'bad \ufffd\ufffd utf8 \ufffd', 'progress 100%', '[err] to stderr']);
  // stderr is red (xterm's palette colour 1), stdout's ANSI green its own.
  const screen = page.getByTestId('terminal-screen');
  await expect(screen.locator('.xterm-fg-1', { hasText: 'to stderr' })).toHaveCount(1);
  await expect(screen.locator('.xterm-fg-2', { hasText: 'green' })).toHaveCount(1);
});

test('stepping back and forward shows the output up to the step shown, each once; Reset clears it', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 1200 });
  await openEdges(page, ['one()', 'err()', 'two()', 'three()']);
  for (let i = 0; i < 4; i++) await pressStep(page);
  await expect.poll(() => terminalRows(page)).toEqual(['one', '[err] to stderr', 'two', 'three']);
  await page.keyboard.press('Shift+F10');
  await page.keyboard.press('Shift+F10');
  await expect(page.getByTestId('step-counter')).toContainText('step 2 /');
  await expect.poll(() => terminalRows(page)).toEqual(['one', '[err] to stderr']);
  await expect(page.getByTestId('terminal-bytes')).toHaveText('14 B');
  await pressStep(page);
  await expect.poll(() => terminalRows(page)).toEqual(['one', '[err] to stderr', 'two']);
  await expect(page.getByTestId('terminal-bytes')).toHaveText('18 B');
  await page.getByTestId('reset-button').click();
  await expect(page.getByTestId('step-counter')).toContainText('step 0 /');
  await expect.poll(() => terminalRows(page)).toEqual([]);
  await expect(page.getByTestId('terminal-empty')).toBeVisible();
});

test('5 MB of lines: the header says only the newest lines are kept, and the page keeps stepping', async ({ page }) => {
  await openEdges(page, ['lines(52429)', 'one()']);
  await expect(page.getByTestId('terminal-full')).toHaveCount(0);
  await pressStep(page);
  // All of it arrived; the terminal then keeps only its newest 20,000 lines, and says so.
  await expect(page.getByTestId('terminal-bytes')).toHaveText('5242900 B');
  await expect(page.getByTestId('terminal-screen')).toContainText('line 00052428', { timeout: 60_000 });
  await expect(page.getByTestId('terminal-full')).toHaveText('newest 20,000 lines kept');
  // The page kept answering: the next step runs and its output follows.
  await pressStep(page);
  await expect.poll(async () => (await terminalRows(page)).at(-1)).toBe('one');
});

test('Clear during 5 MB of output leaves the panel empty: nothing still queued comes back', async ({ page }) => {
  await openEdges(page, ['lines(52429)']);
  await pressStep(page);
  await expect(page.getByTestId('terminal-bytes')).toHaveText('5242900 B');
  await page.getByTestId('terminal-clear').click();
  await expect(page.getByTestId('terminal-bytes')).toHaveText('0 B');
  await expect(page.getByTestId('terminal-full')).toHaveCount(0);
  await page.waitForTimeout(1500);
  expect(await terminalRows(page)).toEqual([]);
});
