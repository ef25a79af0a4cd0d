// The memory view's side panels with the keyboard alone, in the web shell: the Statics tree as an
// ARIA tree (arrow keys, Home/End, levels, expanded), focus that stays somewhere after an action
// removes the control that had it (a bookmark's ×, a static's set field, a search's clear), the
// pressed state of toggle buttons, and keys typed into the panels' boxes left to them.
// Screenshots e2e/screenshots/keyboard-static-tree.png, keyboard-bookmark-removed.png.

import { expect, test, type Page } from './test.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appUrl, gotoAddress, openDemo, pickModuleFiles, screenshot } from './helpers.ts';

const TESTDATA = join(import.meta.dirname, '..', 'src-main', 'engine', 'module', 'dwarf', 'testdata');

/** The C statics module with its sequence (8 steps), at step 0: the Statics panel lists count, greeting, grid, origin, table. */
async function openStatics(page: Page): Promise<void> {
  await page.goto(appUrl());
  await pickModuleFiles(page, { name: 'statics.wasm', mimeType: 'application/wasm', buffer: readFileSync(join(TESTDATA, 'statics.wasm')) });
  await page.getByTestId('sequence-text').fill(readFileSync(join(TESTDATA, 'statics.wseq'), 'utf8'));
  await expect(page.getByTestId('step-counter')).toContainText('step 0 / 8');
  await expect(page.locator('[data-testid="static-row"][data-name="origin"]')).toBeVisible();
}

test.beforeEach(async ({ page }) => {
  await page.goto(appUrl());
});

/** What has focus: its test id and data-name, or the tag name of the element (`BODY` when focus was lost). */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return 'none';
    const id = el.dataset.testid;
    return id ? `${id}${el.dataset.name ? `:${el.dataset.name}` : ''}` : el.tagName;
  });
}

test('the Statics panel is an ARIA tree: rows are tree items with a level and an open state, Home and End go to its ends', async ({ page }) => {
  await openStatics(page);
  const statics = page.getByTestId('statics');
  await expect(statics.getByRole('tree')).toHaveCount(1);
  const origin = statics.locator('[data-testid="static-row"][data-name="origin"]');
  await expect(origin).toHaveRole('treeitem');
  await expect(origin).toHaveAttribute('aria-level', '1');
  await expect(origin).toHaveAttribute('aria-expanded', 'false');
  // A row that opens into nothing says nothing about opening.
  await expect(statics.locator('[data-testid="static-row"][data-name="count"]')).not.toHaveAttribute('aria-expanded', /.*/);

  await origin.focus();
  await page.keyboard.press('ArrowRight');
  await expect(origin).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowRight');
  const x = statics.locator('[data-testid="static-row"][data-name="origin.x"]');
  await expect(x).toBeFocused();
  await expect(x).toHaveAttribute('aria-level', '2');
  await expect(statics.locator('[role="group"]').filter({ has: page.locator('[data-testid="static-row"][data-name="origin.x"]') })).toHaveCount(1);
  await screenshot(page, 'keyboard-static-tree');
  await page.keyboard.press('ArrowLeft');
  await expect(origin).toBeFocused();

  const rows = statics.getByTestId('static-row');
  await page.keyboard.press('End');
  await expect(rows.last()).toBeFocused();
  await page.keyboard.press('Home');
  await expect(rows.first()).toBeFocused();
});

test('after a static\'s value is set or the edit cancelled with Escape, focus is back on its set button, not lost', async ({ page }) => {
  await openStatics(page);
  // A value is set once it has been read: after a step.
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
  const line = page.locator('[data-testid="static-item"][data-name="count"] > .line');
  await line.getByTestId('static-row').focus();
  // Tab goes on to the row's verbs, shown while focus is inside it.
  await page.keyboard.press('Tab');
  await expect(line.getByTestId('static-set')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('static-set-value')).toBeFocused();
  await page.keyboard.type('7');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('static-set-value')).toHaveCount(0);
  await expect.poll(() => focused(page)).toBe('static-set');

  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('7');
  // Setting runs a step: while it re-reads the value, `set` is gone (focus waits on the row), then back.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sequence-text')).toHaveValue(/\nwrite i32 7 @ &count\n?$/);
  await expect(page.locator('[data-testid="static-row"][data-name="count"]').getByTestId('static-value')).toHaveText('= 7');
  await expect.poll(() => focused(page)).toBe('static-set');
});

test('removing a bookmark with the keyboard leaves focus in the list, then on the name box when it is empty', async ({ page }) => {
  await openDemo(page, 'c-struct');
  await gotoAddress(page, '0x10');
  const name = page.getByTestId('bookmark-name');
  for (const n of ['one', 'two']) {
    await name.focus();
    await page.keyboard.type(n);
    await page.keyboard.press('Enter');
    await expect(page.locator(`[data-testid="bookmark"][data-name="${n}"]`)).toBeVisible();
  }
  const remove = (n: string) => page.getByRole('button', { name: `Remove bookmark ${n}` });
  await remove('one').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-testid="bookmark"][data-name="one"]')).toHaveCount(0);
  await expect(remove('two')).toBeFocused();
  await screenshot(page, 'keyboard-bookmark-removed');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('bookmark')).toHaveCount(0);
  await expect(name).toBeFocused();
});

test('clearing a search or a diff with the keyboard leaves focus on the box or button that started it', async ({ page }) => {
  await openDemo(page, 'return-string');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
  const input = page.getByTestId('search-input');
  await input.focus();
  await page.keyboard.type('hello');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('search-count')).toBeVisible();
  await page.getByTestId('search-clear').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('search-count')).toHaveCount(0);
  await expect(input).toBeFocused();

  const toggle = page.getByTestId('diff-toggle');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('diff-go').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('diff-summary')).toBeVisible();
  // Diff is disabled while it reads, and focus stays on it.
  expect(await focused(page)).toBe('diff-go');
  await expect(page.locator('[data-testid="diff-range"][aria-current="true"]')).toHaveCount(1);
  await page.getByTestId('diff-clear').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('diff-summary')).toHaveCount(0);
  await expect(page.getByTestId('diff-go')).toBeFocused();
});

test('the byte-order buttons say which one is on', async ({ page }) => {
  await openDemo(page, 'c-struct');
  const [le, be] = [page.getByTestId('endian-little'), page.getByTestId('endian-big')];
  await expect(le).toHaveAttribute('aria-pressed', 'true');
  await expect(be).toHaveAttribute('aria-pressed', 'false');
  await be.focus();
  await page.keyboard.press('Space');
  await expect(be).toHaveAttribute('aria-pressed', 'true');
  await expect(le).toHaveAttribute('aria-pressed', 'false');
});

test('letters and digits typed into the goto, search and bookmark boxes stay there', async ({ page }) => {
  await openDemo(page, 'c-struct');
  for (const id of ['goto-input', 'search-input', 'bookmark-name']) {
    await page.getByTestId(id).focus();
    await page.keyboard.type('g0x10 f5 s');
    await expect(page.getByTestId(id)).toHaveValue('g0x10 f5 s');
    expect(await focused(page)).toBe(id);
  }
  await expect(page.getByTestId('step-counter')).toContainText('step 0 /');
});

test('Alt+← and Alt+→ move through the address history, taken from the browser (its Back left the page), but not in a text box', async ({ page }) => {
  await openDemo(page, 'c-struct');
  await gotoAddress(page, '0x100');
  await gotoAddress(page, '0x200');
  await expect(page.getByTestId('nav-back')).toBeEnabled();
  await expect(page.getByTestId('nav-forward')).toBeDisabled();
  // Seen after the page's own handlers: whether the browser would still act on the key.
  await page.evaluate(() => window.addEventListener('keydown', (e) => { (window as unknown as { prevented: boolean }).prevented = e.defaultPrevented; }));
  const prevented = () => page.evaluate(() => (window as unknown as { prevented: boolean }).prevented);

  // In the search box, Alt+← is the text's (word left on macOS): the history stays where it is.
  await page.getByTestId('search-input').focus();
  await page.keyboard.press('Alt+ArrowLeft');
  expect(await prevented()).toBe(false);
  await expect(page.getByTestId('nav-forward')).toBeDisabled();

  await page.getByTestId('nav-back').focus();
  await page.keyboard.press('Alt+ArrowLeft');
  expect(await prevented()).toBe(true);
  await expect(page.getByTestId('nav-forward')).toBeEnabled();
  await page.keyboard.press('Alt+ArrowRight');
  expect(await prevented()).toBe(true);
  await expect(page.getByTestId('nav-forward')).toBeDisabled();
});

test('the Export… button says whether its popover is open', async ({ page }) => {
  await openDemo(page, 'c-struct');
  const button = page.getByTestId('export-button');
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await button.click();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Escape');
  await expect(button).toHaveAttribute('aria-expanded', 'false');
});
