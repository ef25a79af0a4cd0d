// Small page defects (round 8): a bookmark past the end of the memory shown says so in Go to's
// words instead of selecting the last byte; PageDown and PageUp move among the call log's rows;
// a server that stops on purpose (SIGTERM, Ctrl+C) is named as the reason the page went still;
// a coredump's bookmarks kept in the browser stay listed once a module names its frames.

import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from './test.ts';
import { demoImage, fromStart, gotoAddress, pickFiles, pressStep } from './helpers.ts';
import { openTestModule } from './out-edges.ts';
import { startServe } from '../src-main/web/testing/serve-process.ts';

test('a bookmark past the end of memory at an earlier step says where memory ends, and selects nothing', async ({ page }) => {
  // page2-grow.wat: grow_to(2) makes memory two pages (0x0 … 0x1ffff).
  await openTestModule(page, 'page2-grow.wasm', ['touch()', 'grow_to(2)']);
  await pressStep(page);
  await pressStep(page);
  await expect(page.getByTestId('step-counter')).toContainText('step 2 / 2');
  await gotoAddress(page, '0x1fff0');
  await page.getByRole('textbox', { name: 'Bookmark name' }).fill('far');
  await page.keyboard.press('Enter');
  const far = page.getByTestId('bookmark').and(page.locator('[data-name="far"]'));
  await expect(far).toHaveCount(1);

  // Back to step 1, one page; a click elsewhere moves the selection off the bookmark.
  await page.keyboard.press('Shift+F10');
  await expect(page.getByTestId('step-counter')).toContainText('step 1 / 2');
  await gotoAddress(page, '0x10');
  await expect(page.getByTestId('inspector-address')).toHaveText('at 0x00000010');
  await far.click();
  // Before, the pick selected 0xffff, the last byte, as if the bookmark were there.
  await expect(page.getByTestId('goto-error')).toHaveText('0x1fff0 (131056) is outside memory (0x0 … 0xffff, 65536 bytes)');
  await expect(page.getByTestId('inspector-address')).toHaveText('at 0x00000010');

  // At step 2 the same bookmark is inside again: it selects it, and the message goes.
  await page.keyboard.press('F10');
  await expect(page.getByTestId('step-counter')).toContainText('step 2 / 2');
  await far.click();
  await expect(page.getByTestId('inspector-address')).toHaveText('at 0x0001fff0');
  await expect(page.getByTestId('goto-error')).toHaveCount(0);
});

test('PageDown and PageUp move focus among the call log\'s rows by the rows that fit', async ({ page }) => {
  const steps = Array.from({ length: 60 }, () => 'touch()');
  await openTestModule(page, 'page2-grow.wasm', steps);
  await page.getByTestId('run-button').click();
  await expect(page.getByTestId('step-counter')).toContainText('step 60 / 60');
  const rows = page.locator('[data-testid="call-log"] .list button:not(:disabled)');
  const focusedIndex = () => rows.evaluateAll((all) => all.indexOf(document.activeElement as HTMLButtonElement));
  await rows.first().focus();
  await page.keyboard.press('PageDown');
  const down = await focusedIndex();
  // Moved by more than a row, less than the whole list (a page, not End).
  expect(down).toBeGreaterThan(3);
  expect(down).toBeLessThan((await rows.count()) - 1);
  // The focused row is in view.
  const list = page.locator('[data-testid="call-log"] .list');
  const [box, view] = [(await rows.nth(down).boundingBox())!, (await list.boundingBox())!];
  expect(box.y + box.height).toBeLessThanOrEqual(view.y + view.height + 1);
  await page.keyboard.press('PageDown');
  expect(await focusedIndex()).toBeGreaterThan(down);
  await page.keyboard.press('PageUp');
  await page.keyboard.press('PageUp');
  expect(await focusedIndex()).toBe(0);
});

let server: ChildProcess | null = null;
test.afterEach(() => {
  if (server?.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
  server = null;
});

test('a server stopped on purpose: the page names the reason it gave', async ({ page }) => {
  const serve = await startServe();
  server = serve.child;
  await page.goto(serve.url);
  // The demo cards came over the socket: it is open.
  await expect(page.getByTestId('demo-card').first()).toBeVisible();
  const exited = new Promise((done) => serve.child.once('exit', done));
  serve.child.kill('SIGTERM');
  await exited;
  const lost = page.getByTestId('connection-lost');
  // Before: "the connection to the memscope server was lost (the server stopped, or the connection broke)".
  await expect(lost).toContainText('the memscope server closed the connection (memscope serve is shutting down)');
  await expect(lost).toContainText('restart `memscope serve`');
});

test('a coredump\'s bookmarks kept in the browser stay listed when its module is given', async ({ page }, info) => {
  const core = info.outputPath('trap.core.wasm');
  demoImage('trap', '--coredump', core);
  // The shared server may still hold another spec's session: from the start screen, as a person would.
  await fromStart(page);
  await pickFiles(page, 'open-image', core);
  await expect(page.getByTestId('image-panel')).toHaveAttribute('data-kind', 'coredump');
  await gotoAddress(page, '0x100');
  await page.getByRole('textbox', { name: 'Bookmark name' }).fill('values');
  await page.keyboard.press('Enter');
  const mark = page.getByTestId('bookmark').and(page.locator('[data-name="values"]'));
  await expect(mark).toHaveAttribute('data-kept', 'browser');

  await pickFiles(page, 'image-module', join(import.meta.dirname, '..', 'resources', 'examples', 'trap', 'trap.wasm'));
  await expect(page.getByTestId('image-frame').first()).toContainText('divide');
  // Before, the list was keyed by the module given, and the bookmark left it here.
  await expect(mark).toHaveCount(1);
  // And the same list when the dump is opened again without the module.
  await page.reload();
  await fromStart(page);
  await pickFiles(page, 'open-image', core);
  await expect(page.getByTestId('image-panel')).toHaveAttribute('data-kind', 'coredump');
  await expect(mark).toHaveCount(1);
});
