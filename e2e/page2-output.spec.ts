// The Output panel for guests that misbehave and for people who cannot rely on colour
// (e2e/testdata/page2-controls.wat): a guest's control codes never erase or rewrite earlier
// output, NULs are visible, and stderr is told from stdout by more than colour, on screen and in
// the text a screen reader reads.

import { expect, test, type Page } from './test.ts';
import { pressStep, terminalRows } from './helpers.ts';
import { openTestModule } from './out-edges.ts';

async function openControls(page: Page, steps: string[]): Promise<void> {
  await page.setViewportSize({ width: 1440, height: 1200 });
  await openTestModule(page, 'page2-controls.wasm', steps);
  for (let i = 0; i < steps.length; i++) await pressStep(page);
  await expect(page.getByTestId('step-counter')).toContainText(`step ${steps.length} / ${steps.length}`);
}


test('a guest\'s reset, alternate screen, cursor moves and erase leave earlier output in place, shown as text', async ({ page }) => {
  await openControls(page, ['before()', 'full_reset()', 'alt_screen()', 'cursor_up()', 'erase_all()', 'green()']);
  // Before, ESC c emptied the panel, the alternate screen hid all before it, and cursor-up
  // with erase-line wrote "over" across "earlier line".
  await expect.poll(() => terminalRows(page)).toEqual([
    'earlier line',
    '\\x1bcafter reset',
    '\\x1b[?1049hin alt',
    '\\x1b[2A\\x1b[1Gover',
    '\\x1b[2J\\x1b[Hcleared?',
    'green',
  ]);
  // Colours still pass.
  await expect(page.getByTestId('terminal-screen').locator('.xterm-fg-2', { hasText: 'green' })).toHaveCount(1);
});

test('NULs in output show as \\x00, not as nothing', async ({ page }) => {
  await openControls(page, ['nuls()']);
  await expect.poll(() => terminalRows(page)).toEqual(['ptr\\x00\\x00']);
});

test('stderr lines are marked [err] as well as red, in the text a screen reader reads and in the legend', async ({ page }) => {
  await openControls(page, ['before()', 'err()', 'green()']);
  await expect.poll(() => terminalRows(page)).toEqual(['earlier line', '[err] oops', '[err] again', 'green']);
  // xterm's rows are aria-hidden; its accessibility tree (screen-reader mode) carries the same text.
  await expect.poll(() => terminalRows(page, '.xterm-accessibility-tree > div')).toEqual(['earlier line', '[err] oops', '[err] again', 'green']);
  await expect(page.getByTestId('terminal').locator('.legend')).toHaveText('stdout [err] stderr');
});
