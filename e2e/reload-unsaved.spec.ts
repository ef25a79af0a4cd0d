// Edits applied to the session (the typing pause sent them) but never saved, seen by a page that
// loaded after them: a reload, or a second tab. The page took the session's text as saved, so when
// the server went away it neither said the edits were unsaved nor asked before leaving, and a close
// lost them unsaid. The saved text is the session's fact (SequenceView.savedText): every page on
// the server agrees, and a Save in any of them tells the session.

import { expect, test, type Page } from './test.ts';
import { openDemo } from './helpers.ts';
import { startServe, type ServeProcess } from '../src-main/web/testing/serve-process.ts';

let server: ServeProcess | null = null;

test.afterEach(() => {
  if (server?.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  server = null;
});

/** Types a line at the end of the sequence and waits until the session has it. */
async function typeApplied(page: Page, line: string): Promise<string> {
  const editor = page.getByTestId('sequence-text');
  await editor.press('Control+End');
  await editor.pressSequentially(line);
  await expect(page.getByTestId('edit-pending')).toHaveCount(0);
  return editor.inputValue();
}

async function stopServer(): Promise<void> {
  const exited = new Promise((done) => server!.child.once('exit', done));
  server!.child.kill('SIGINT');
  await exited;
}

/** How many requests `name` the page sent that have been answered (the wire's JSON frames); watch before it connects. */
function answered(page: Page, name: string): () => number {
  const ids = new Set<number>();
  let count = 0;
  page.on('websocket', (ws) => {
    ws.on('framesent', ({ payload }) => {
      const m = /^\{"type":"request","id":(\d+),"name":"(\w+)"/.exec(String(payload));
      if (m && m[2] === name) ids.add(Number(m[1]));
    });
    ws.on('framereceived', ({ payload }) => {
      const m = /^\{"type":"response","id":(\d+)/.exec(String(payload));
      if (m && ids.has(Number(m[1]))) count++;
    });
  });
  return () => count;
}

/**
 * A server with return-string open and a line applied, not saved yet; counts the page's answered
 * `sequenceSaved` requests (watched from before it connects).
 */
async function appliedBeforeSave(page: Page): Promise<{ saves: () => number; url: string }> {
  server = await startServe();
  const saves = answered(page, 'sequenceSaved');
  await page.goto(server.url);
  await openDemo(page, 'return-string');
  await typeApplied(page, '\n# applied, then saved');
  return { saves, url: server.url };
}

/** Whether closing the page asks first (a beforeunload dialog), dismissing the question. */
async function closeAsks(page: Page): Promise<boolean> {
  const asked = page.waitForEvent('dialog').then((d) => d.dismiss().then(() => true));
  const closed = page.waitForEvent('close').then(() => false);
  await page.close({ runBeforeUnload: true });
  return Promise.race([asked, closed]);
}

test('a reload and a second tab over applied edits not saved still count them unsaved', async ({ page, context }) => {
  server = await startServe();
  await page.goto(server.url);
  await openDemo(page, 'return-string');
  const typed = await typeApplied(page, '\n# applied, never saved');

  await page.reload();
  await expect(page.getByTestId('sequence-text')).toHaveValue(typed);
  const second = await context.newPage();
  await second.goto(server.url);
  await expect(second.getByTestId('sequence-text')).toHaveValue(typed);

  await stopServer();
  for (const p of [page, second]) {
    const lost = p.getByTestId('connection-lost');
    await expect(lost).toContainText('memscope serve is shutting down');
    await expect(lost).toContainText('the sequence in the editor has edits not saved');
  }
  expect(await closeAsks(second)).toBe(true);
  await expect(page.getByTestId('sequence-text')).toHaveValue(typed);
});

test('after a Save in one tab, a reload and another tab count the text saved', async ({ page, context }) => {
  const { saves, url } = await appliedBeforeSave(page);
  const second = await context.newPage();
  await second.goto(url);

  const download = page.waitForEvent('download');
  await page.keyboard.press('Control+s');
  await download;
  // The session has it before the reload (a reload at once may cut the request: then the page asks, loses nothing).
  await expect.poll(saves).toBe(1);
  await page.reload();
  const third = await context.newPage();
  await third.goto(url);

  await stopServer();
  for (const p of [page, second, third]) {
    const lost = p.getByTestId('connection-lost');
    await expect(lost).toContainText('memscope serve is shutting down');
    await expect(lost).not.toContainText('not saved');
  }
  expect(await closeAsks(third)).toBe(false);
  expect(await closeAsks(second)).toBe(false);
});

test('a Save takes no page off the earlier step it shows, and every page learns the text is saved', async ({ page, context }) => {
  const { saves, url } = await appliedBeforeSave(page);
  await page.keyboard.press('F5');
  await expect(page.getByTestId('step-counter')).toHaveText(/step (\d+) \/ \1\b/);
  const second = await context.newPage();
  await second.goto(url);
  for (const p of [page, second]) {
    await p.locator('[data-testid="call-step"][data-step="0"] [data-testid="step-row"]').click();
    await expect(p.getByTestId('viewing-past-step')).toContainText('Memory after step 1 (read-only)');
  }

  const download = page.waitForEvent('download');
  await page.keyboard.press('Control+s');
  await download;
  await expect.poll(saves).toBe(1);
  // The server's last words to each page came after the Save's: both pages have applied it.
  await stopServer();
  for (const p of [page, second]) {
    const lost = p.getByTestId('connection-lost');
    await expect(lost).toContainText('memscope serve is shutting down');
    await expect(lost).not.toContainText('not saved');
    await expect(p.getByTestId('viewing-past-step')).toContainText('Memory after step 1 (read-only)');
  }
});
