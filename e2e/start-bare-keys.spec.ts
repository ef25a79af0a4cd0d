// The bare start screen (nothing open yet) under the session keys: F10, F5, Shift+F10 and Alt+F5
// did nothing and said nothing, while Shift+F5 and Ctrl+Shift+F5 said that no module is open.
// Every one says it now, and F5 still does not reload the page. Its own server, so no session
// left by another spec is open (the shared one, global-setup, serves the others).

import { expect, test } from './test.ts';
import { startServe, type ServeProcess } from '../src-main/web/testing/serve-process.ts';

let server: ServeProcess | null = null;

test.afterEach(() => {
  if (server?.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  server = null;
});

test('every session key on the bare start screen says no module is open', async ({ page }) => {
  server = await startServe();
  await page.goto(server.url);
  await expect(page.getByTestId('start-screen')).toBeVisible();
  // A reload (F5 reaching the browser) would drop this.
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  const bar = page.getByTestId('error-bar');
  for (const key of ['F10', 'F5', 'Shift+F10', 'Alt+F5', 'Shift+F5', 'Control+Shift+F5']) {
    await page.keyboard.press(key);
    await expect(bar.getByTestId('error-message'), key).toHaveText('no module is open: open a module or pick a demo first');
    await expect(page.getByTestId('start-screen'), key).toBeVisible();
    // Dismissed, so the next key's word is its own.
    await bar.getByRole('button', { name: 'Dismiss' }).click();
    await expect(bar, key).toHaveCount(0);
  }
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
});
