// Edits typed in the sequence editor when `memscope serve` goes away: the page then holds their
// only copy (the session that had them is gone with its process), and the way back the page
// gives (restart the server, open the URL it prints) leaves this page. So it says to save them,
// Save still works, and leaving the page asks first while they are not saved.

import { expect, test } from './test.ts';
import { readFile } from 'node:fs/promises';
import { openDemo } from './helpers.ts';
import { startServe, type ServeProcess } from '../src-main/web/testing/serve-process.ts';

let server: ServeProcess | null = null;

test.afterEach(() => {
  if (server?.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  server = null;
});

test('edits not saved when the server is gone: said, saveable, and leaving asks first', async ({ page }) => {
  server = await startServe();
  await page.goto(server.url);
  await openDemo(page, 'return-string');
  const editor = page.getByTestId('sequence-text');
  await editor.press('Control+End');
  await editor.pressSequentially('\n# typed before the server went away');
  await expect(page.getByTestId('edit-pending')).toHaveCount(0);
  const typed = await editor.inputValue();

  const exited = new Promise((done) => server!.child.once('exit', done));
  server.child.kill('SIGINT');
  await exited;

  const lost = page.getByTestId('connection-lost');
  await expect(lost).toContainText('memscope serve is shutting down');
  await expect(lost).toContainText('the sequence in the editor has edits not saved');

  // Leaving (a reload, the new URL typed over this one, closing the tab) asks while they are unsaved.
  const asked = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const dialog = await asked;
  expect(dialog.type()).toBe('beforeunload');
  await dialog.dismiss();
  await expect(editor).toHaveValue(typed);

  // Save (Ctrl+S) needs no server: the browser downloads the editor's text.
  const download = page.waitForEvent('download');
  await page.keyboard.press('Control+s');
  expect(await readFile(await (await download).path(), 'utf8')).toBe(typed);
  await expect(lost).not.toContainText('not saved');

  // Saved, the page leaves without asking.
  const closed = page.waitForEvent('close');
  await page.close({ runBeforeUnload: true });
  await closed;
});
