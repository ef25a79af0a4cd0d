// Issue 14's defects a newcomer trips over in the first hour, each as a person meets it: edits
// that reset the run (or a pause in typing that did), F10 in the terminal and in quick
// succession, templates, where the grid goes after malloc, goto by name, the inspector's text
// preview, one's own module, Ctrl+S, and Escape on a popover.

import { expect, test, type Page } from './test.ts';
import { appUrl, gotoAddress, openDemo, pressStep } from './helpers.ts';
import { openOwnModule } from './own-module.ts';

test.beforeEach(async ({ page }) => {
  await page.goto(appUrl());
  await expect(page.getByTestId('start-screen').or(page.getByTestId('memory-view'))).toBeVisible();
});

const editor = (page: Page) => page.getByTestId('sequence-text');
const callRows = (page: Page, name: string) => page.locator(`[data-testid="call-row"][data-export="${name}"]`);

test('#1 an edit below the steps that ran keeps them; an edit to a step that ran says so first', async ({ page }) => {
  await openDemo(page, 'return-string');
  await pressStep(page);
  await pressStep(page);
  const text = await editor(page).inputValue();

  // A note added at the end changes no step that ran: the run stays at step 2 with its calls.
  await editor(page).fill(`${text}\n# my own note\n`);
  await editor(page).blur();
  await expect(page.getByTestId('sequence-errors')).toBeHidden();
  await expect(page.getByTestId('step-counter')).toContainText('step 2 /');
  await expect(callRows(page, 'malloc')).toHaveCount(1);
  await expect(callRows(page, 'ReturnString')).toHaveCount(1);

  // Changing step 1, which already ran, is announced before it is applied, and only applied
  // when asked for.
  await editor(page).fill((await editor(page).inputValue()).replace('ret = malloc(8)', 'ret = malloc(16)'));
  const notice = page.getByTestId('edit-notice');
  await expect(notice).toContainText(/restart/i);
  await expect(notice).toContainText('Line 15 changes step 1');
  await editor(page).blur();
  await expect(page.getByTestId('step-counter')).toContainText('step 2 /');
  await expect(callRows(page, 'malloc')).toHaveCount(1);
  await page.getByTestId('edit-apply').click();
  await expect(page.getByTestId('step-counter')).toContainText('step 0 /');
  await expect(notice).toBeHidden();
  await pressStep(page);
  await expect(callRows(page, 'malloc')).toContainText('malloc(16)');
});

test('#1b a pause while a line is half typed does not lose the run: fixing the line replays it', async ({ page }) => {
  await openDemo(page, 'return-string');
  await pressStep(page);
  await pressStep(page);
  // Typed at the end, then a pause: the typing pause applies the text, which does not parse,
  // and the engine runs no sequence with errors, so the run starts afresh and waits.
  await editor(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nmore = malloc(8');
  await expect(page.getByTestId('sequence-error')).toContainText('expected');
  await expect(page.getByTestId('replay-waiting')).toHaveText('The 2 steps that ran are replayed once the sequence parses again.');
  await expect(page.getByTestId('step-counter')).toContainText('step 0 /');
  // The line finished: the two steps that ran come back, with their calls.
  await page.keyboard.type(')');
  await expect(page.getByTestId('step-counter')).toContainText('step 2 /');
  await expect(page.getByTestId('sequence-errors')).toBeHidden();
  await expect(callRows(page, 'malloc')).toHaveCount(1);
  await expect(callRows(page, 'ReturnString')).toHaveCount(1);
});

test('#2 F10 and F5 work while the terminal has focus; quick F10 presses all step', async ({ page }) => {
  await openDemo(page, 'return-string');
  await page.getByTestId('terminal-screen').click();
  await page.keyboard.press('F10');
  await expect(page.getByTestId('step-counter')).toContainText('step 1 /');

  await page.getByTestId('memory-grid').click();
  await page.keyboard.press('F10');
  await page.keyboard.press('F10');
  await page.keyboard.press('F10');
  await expect(page.getByTestId('step-counter')).toContainText('step 4 /');
  await expect(page.getByTestId('queued-steps')).toBeHidden();

  await page.getByTestId('terminal-screen').click();
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
});

test('#3 the packed-i64 template calls the export chosen for it, not one chosen for another template', async ({ page }) => {
  await openDemo(page, 'packed-i64');
  await page.getByTestId('templates-button').click();
  await page.getByTestId('template-kind').selectOption('retptr');
  await page.getByTestId('template-export').selectOption('free');
  await page.getByTestId('template-kind').selectOption('packed');
  await expect(page.getByTestId('template-export')).toHaveValue('greeting');
  await page.getByTestId('template-insert').click();
  await expect(editor(page)).toHaveValue(/packed2? = greeting\(arg, 5\)/);
  expect(await editor(page).inputValue()).not.toContain('free(arg, 5)');
});

test('#5 after a malloc step the grid shows the new allocation, not the allocator\'s bookkeeping', async ({ page }) => {
  await openDemo(page, 'return-string');
  await pressStep(page);
  await expect(page.getByTestId('grid-region-chip').filter({ hasText: 'ret' })).toBeVisible();
  const ret = Number(await page.locator('[data-testid="bound-value"][data-name="ret"]').textContent().then((t) => /(0x[0-9a-f]+|\d+)$/.exec(t ?? '')?.[1]));
  await expect(page.locator(`[data-testid="memory-grid"] [data-addr="${ret}"]`)).toBeVisible();
});

test('#6 goto takes region and binding names, as the CLI\'s --dump does', async ({ page }) => {
  await openDemo(page, 'return-string');
  for (let i = 0; i < 4; i++) await pressStep(page);
  const text = page.locator('[data-testid="region-chip"][data-region-name="text"]');
  await expect(text).toBeVisible();
  await gotoAddress(page, 'text');
  await expect(page.getByTestId('goto-error')).toBeHidden();
  await expect(page.getByTestId('inspector-utf8')).toHaveText('"hello from C"');
  // The keys go to the bytes after a goto, as in a hex editor: → moves the selection on.
  await expect(page.getByTestId('memory-grid')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('inspector-utf8')).toHaveText('"ello from C"');
  await gotoAddress(page, 's');
  await expect(page.getByTestId('goto-error')).toBeHidden();
  await expect(page.getByTestId('inspector-u32')).not.toHaveText('0');
  await gotoAddress(page, 'no_such_name');
  await expect(page.getByTestId('goto-error')).toContainText('no_such_name');
  await expect(page.getByTestId('goto-input')).toBeFocused();
});

test('#6b a goto outside memory is refused and moves nothing: the grid stays on the row it showed', async ({ page }) => {
  await openDemo(page, 'c-struct');
  const bytes = Number(/^\d+/.exec((await page.getByTestId('memory-size').getAttribute('title')) ?? '')?.[0]);
  const grid = page.getByTestId('memory-grid');
  // The last row, selected, at the bottom of the grid: a grid one row shorter would scroll to keep it in view.
  const last = bytes - 16;
  await gotoAddress(page, `0x${last.toString(16)}`);
  await expect(page.getByTestId('inspector-address')).toContainText(last.toString(16));
  await expect(grid.locator(`[data-row-addr="${last}"]`)).toBeAttached();
  let top = '';
  await expect.poll(async () => {
    const [was, now] = [top, (await grid.getAttribute('data-top-row')) ?? ''];
    top = now;
    return now !== '' && now === was;
  }).toBe(true);
  await gotoAddress(page, `0x${bytes.toString(16)}`);
  await expect(page.getByTestId('goto-error')).toContainText('outside memory');
  // Two frames: the grid draws (and sets data-top-row) in an animation frame.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await expect(grid).toHaveAttribute('data-top-row', top);
  await expect(page.getByTestId('inspector-address')).toContainText(last.toString(16));
});

test('#7 the inspector\'s UTF-8 preview stops at the end of the region', async ({ page }) => {
  await openDemo(page, 'packed-i64');
  const text = page.locator('[data-testid="region-chip"][data-region-name="text"]');
  for (let i = 0; i < 10 && !(await text.isVisible()); i++) await pressStep(page);
  await expect(text).toBeVisible();
  await gotoAddress(page, 'ptr');
  await expect(page.getByTestId('inspector-utf8')).toHaveText('"hello, wazero"');
});

test('#8 one\'s own module never gets a hint naming an export it does not have', async ({ page }) => {
  await openOwnModule(page);
  const hint = `${await editor(page).getAttribute('placeholder')}\n${await editor(page).inputValue()}`;
  expect(hint).not.toContain('ReturnString');
  expect(hint).toContain('sum(');
});

test('#9 Ctrl+S in the editor saves the sequence as typed (not the web page)', async ({ page }) => {
  await openDemo(page, 'return-string');
  await editor(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\n# typed just now');
  // Pressed before the typing pause applied the edit: the file still has the line.
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Control+s')]);
  expect(download.suggestedFilename()).toBe('return-string.wseq');
  const { readFile } = await import('node:fs/promises');
  expect(await readFile(await download.path(), 'utf8')).toMatch(/\n# typed just now$/);
});

test('#10 Escape closes the export popover and the templates row, focus back on their buttons', async ({ page }) => {
  await openDemo(page, 'return-string');
  await page.getByTestId('export-button').click();
  await expect(page.getByTestId('export-popover')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('export-popover')).toBeHidden();
  await expect(page.getByTestId('export-button')).toBeFocused();

  await page.getByTestId('templates-button').click();
  await page.getByTestId('template-kind').focus();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('templates')).toBeHidden();
  await expect(page.getByTestId('templates-button')).toBeFocused();
});
