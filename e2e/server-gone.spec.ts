// The page when `memscope serve` goes away under it (Ctrl+C, a crash): it says so at once, with
// no action of the person's, keeps memory and the call log readable, and turns off stepping.
// Its own server, killed here; the shared one (global-setup) serves the other specs.

import { expect, test } from './test.ts';
import { gridAscii, openDemo, pressStep, stepCount } from './helpers.ts';
import { startServe, type ServeProcess } from '../src-main/web/testing/serve-process.ts';

let server: ServeProcess | null = null;

test.afterEach(() => {
  if (server?.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  server = null;
});

test('the server killed under an open session: said at once, memory kept, stepping off', async ({ page }) => {
  server = await startServe();
  await page.goto(server.url);
  await openDemo(page, 'return-string');
  await pressStep(page);
  const rows = await page.getByTestId('call-row').count();
  const ascii = await gridAscii(page);
  expect(rows).toBeGreaterThan(0);

  const exited = new Promise((done) => server!.child.once('exit', done));
  server.child.kill('SIGKILL');
  await exited;

  // No click, no key: the close alone brings the message.
  const lost = page.getByTestId('connection-lost');
  await expect(lost).toBeVisible();
  await expect(lost).toContainText('the connection to the memscope server was lost');
  await expect(lost).toContainText('restart `memscope serve`');
  // Every control that would ask the server is off, saying why; the badge says what happened.
  for (const id of ['step-button', 'run-button', 'step-back-button', 'reverse-button', 'reset-button', 'trace-writes']) {
    await expect(page.getByTestId(id), id).toBeDisabled();
  }
  await expect(page.getByTestId('reset-button')).toHaveAttribute('title', /connection to the memscope server was lost/);
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'disconnected');

  // What was shown is still there to read.
  await expect(page.getByTestId('memory-grid')).toBeVisible();
  expect(await gridAscii(page)).toBe(ascii);
  await expect(page.getByTestId('call-row')).toHaveCount(rows);

  // F10 and Ctrl+Shift+F5 (Reset) now do nothing but leave the one message: no error per attempt.
  const at = await stepCount(page);
  await page.keyboard.press('F10');
  await page.keyboard.press('Control+Shift+F5');
  await page.waitForTimeout(300);
  expect(await stepCount(page)).toEqual(at);
  await expect(page.getByTestId('error-bar')).toHaveCount(0);
  await expect(lost).toHaveCount(1);
});

test('a page whose server cannot be reached says how to reach one', async ({ page }) => {
  server = await startServe();
  // The token is what a stale bookmark or a restarted server's page gets wrong.
  await page.goto(server.url.replace(/token=[^&]*/, 'token=stale'));
  const lost = page.getByTestId('connection-lost');
  await expect(lost).toBeVisible();
  await expect(lost).toContainText('could not connect to the memscope server');
  await expect(page.getByTestId('error-bar')).toHaveCount(0);
});
