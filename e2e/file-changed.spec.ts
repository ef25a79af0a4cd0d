// `memscope serve` with a module and sequence opened at start, changed on disk under it: the page
// says so in a notice (it runs the copy it was given, Reset too), and its action takes the new
// file: Reload opens the module's new bytes, Load from disk puts the file's text in the editor.
// Before, only stderr said it, once per file, and the page went on with the old copies.

import { expect, test, type Page } from './test.ts';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServe, type ServeProcess } from '../src-main/web/testing/serve-process.ts';
import { dropFiles } from './helpers.ts';
import { answerDiscard } from './discard-dialog.ts';

const root = join(import.meta.dirname, '..');
const examples = join(root, 'resources', 'examples');
let server: ServeProcess | null = null;

/** A copy of an example (return-string unless named), served with its sequence opened at start. */
async function serveCopy(page: Page, name = 'return-string'): Promise<{ wasm: string; wseq: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'memscope-changed-'));
  const wasm = join(dir, `${name}.wasm`);
  const wseq = join(dir, `${name}.wseq`);
  cpSync(join(examples, name), dir, { recursive: true });
  server = await startServe(['--sequence', wseq]);
  await page.goto(server.url);
  await expect(page.getByTestId('sequence-name')).toContainText(`${name}.wseq`);
  return { wasm, wseq };
}

test.afterEach(() => {
  if (server?.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  server = null;
});

test('a rebuilt module: the notice says the page runs the old one, and Reload runs the new bytes', async ({ page }) => {
  const { wasm } = await serveCopy(page);
  await expect(page.getByTestId('file-changed')).toHaveCount(0);
  // "A rebuild": the same module with another greeting, as the guest will copy it out.
  const bytes = readFileSync(wasm);
  const at = bytes.indexOf('hello from C');
  expect(at).toBeGreaterThan(0);
  bytes.write('jello', at);
  writeFileSync(wasm, bytes);

  const notice = page.getByTestId('file-changed');
  await expect(notice).toHaveAttribute('data-kind', 'module');
  await expect(page.getByTestId('file-changed-message')).toContainText('return-string.wasm changed on disk. The page still runs the module read at start (Reset too).');
  await page.getByTestId('file-changed-action').click();
  // The session now runs the new bytes: the notice goes, and the guest hands back the new text.
  await expect(notice).toHaveCount(0);
  await page.keyboard.press('F5');
  await expect(page.getByTestId('bound-value').and(page.locator('[data-name="text"]'))).toContainText('jello from C');
});

test('an edited sequence: Load from disk puts the file in the editor, warning first about edits made here', async ({ page }) => {
  const { wseq } = await serveCopy(page);
  const original = readFileSync(wseq, 'utf8');
  writeFileSync(wseq, `${original}# edited on disk\n`);

  const notice = page.getByTestId('file-changed');
  await expect(notice).toHaveAttribute('data-kind', 'sequence');
  await expect(page.getByTestId('file-changed-message')).toContainText('return-string.wseq changed on disk. The editor still shows the text it had.');
  await expect(page.getByTestId('file-changed-edits')).toHaveCount(0);
  await expect(page.getByTestId('file-changed-action')).toHaveText('Load from disk');
  await page.getByTestId('file-changed-action').click();
  await expect(notice).toHaveCount(0);
  await expect(page.getByTestId('sequence-text')).toHaveValue(`${original}# edited on disk\n`);

  // Edits of the page's own, then the file changes again: loading it would replace them, and says so.
  const editor = page.getByTestId('sequence-text');
  await editor.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('# typed here\n');
  writeFileSync(wseq, `${original}# edited on disk, twice\n`);
  await expect(page.getByTestId('file-changed-edits')).toContainText('The editor has edits that are not in the file: loading it replaces them.');
  await expect(page.getByTestId('file-changed-action')).toHaveText('Load from disk, replacing edits');
  // Dismissed, it stays away until the file changes again.
  await page.getByTestId('file-changed-dismiss').click();
  await expect(notice).toHaveCount(0);
  await expect(editor).toHaveValue(`${original}# edited on disk\n# typed here\n`);
  writeFileSync(wseq, `${original}# edited on disk, three times\n`);
  await expect(page.getByTestId('file-changed-action')).toHaveText('Load from disk, replacing edits');
  await page.getByTestId('file-changed-action').click();
  await expect(editor).toHaveValue(`${original}# edited on disk, three times\n`);
  await expect(notice).toHaveCount(0);
});

test('a dismissed change comes back when the file, changed again, returns to that text: each change on disk is news', async ({ page }) => {
  // Dismissals were kept by the file's text: v2 dismissed, the file went to v3 and back to v2, and
  // the page said nothing of the change back, so the editor kept v1 while the file held v2.
  const { wseq } = await serveCopy(page);
  const original = readFileSync(wseq, 'utf8');
  const notice = page.getByTestId('file-changed');
  const message = page.getByTestId('file-changed-message');
  writeFileSync(wseq, `${original}# v2\n`);
  await expect(message).toContainText('return-string.wseq changed on disk.');
  await page.getByTestId('file-changed-dismiss').click();
  await expect(notice).toHaveCount(0);
  writeFileSync(wseq, `${original}# v3\n`);
  await expect(message).toContainText('return-string.wseq changed on disk.');
  await page.getByTestId('file-changed-dismiss').click();
  await expect(notice).toHaveCount(0);
  writeFileSync(wseq, `${original}# v2\n`);
  await expect(message).toContainText('return-string.wseq changed on disk.');
  await page.getByTestId('file-changed-action').click();
  await expect(page.getByTestId('sequence-text')).toHaveValue(`${original}# v2\n`);
  await expect(notice).toHaveCount(0);
});

test('Reload after editing a sequence with `dir` lines keeps its directories', async ({ page }) => {
  // Before, the edited text was no file the server read, and Reload was refused: "an uploaded
  // sequence cannot grant host directories".
  const { wasm } = await serveCopy(page, 'wasi-cat');
  const editor = page.getByTestId('sequence-text');
  await editor.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('# typed here\n');
  // "A rebuild": the same code with an empty custom section "x" at the end.
  appendFileSync(wasm, Buffer.from([0, 2, 1, 0x78]));
  const notice = page.getByTestId('file-changed');
  await expect(notice).toHaveAttribute('data-kind', 'module');
  await page.getByTestId('file-changed-action').click();
  await expect(notice).toHaveCount(0);
  await expect(editor).toHaveValue(/# typed here\n$/);
  await page.keyboard.press('F5');
  // The guest read its file through the directory.
  await expect(page.getByTestId('bound-value').and(page.locator('[data-name="total"]'))).toContainText('91');
});

test('a sequence renamed away and back, then saved with a parse error: each notice says so, and the edits made here stay', async ({ page }) => {
  const { wseq } = await serveCopy(page);
  const original = readFileSync(wseq, 'utf8');
  const editor = page.getByTestId('sequence-text');
  await editor.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('# typed here\n');
  const typed = `${original}# typed here\n`;
  const message = page.getByTestId('file-changed-message');

  renameSync(wseq, `${wseq}.away`);
  await expect(message).toContainText("return-string.wseq changed on disk but cannot be loaded: it is gone from disk. The page keeps the editor's text.");
  await expect(page.getByTestId('file-changed-action')).toHaveCount(0);
  // Back unchanged: nothing changed, so nothing is said (it was announced as changed, with the
  // edits made here as at risk).
  renameSync(`${wseq}.away`, wseq);
  await expect(page.getByTestId('file-changed')).toHaveCount(0);
  writeFileSync(wseq, `${original}call (((\n`);
  await expect(page.getByTestId('file-changed-action')).toHaveText('Load from disk, replacing edits');
  await page.getByTestId('file-changed-dismiss').click();
  await expect(page.getByTestId('file-changed')).toHaveCount(0);
  await expect(editor).toHaveValue(typed);
});

test('Load from disk counts as saved, and Reload keeps edits as not saved: neither asks, and only a drop over edits does', async ({ page }) => {
  // Before, the text loaded from disk counted as edits (the next drop asked), and edits carried
  // through Reload counted as saved (the next drop replaced them unasked).
  const { wasm, wseq } = await serveCopy(page);
  const question = page.getByTestId('confirm-discard');
  const original = readFileSync(wseq, 'utf8');
  const editor = page.getByTestId('sequence-text');
  writeFileSync(wseq, `${original}# edited on disk\n`);
  await page.getByTestId('file-changed-action').click();
  await expect(editor).toHaveValue(`${original}# edited on disk\n`);
  await dropFiles(page, { name: 'other.wseq', text: `# dropped\n${original}` });
  await expect(editor).toHaveValue(`# dropped\n${original}`);

  await editor.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('# typed here\n');
  appendFileSync(wasm, Buffer.from([0, 2, 1, 0x78]));
  await expect(page.getByTestId('file-changed')).toHaveAttribute('data-kind', 'module');
  await page.getByTestId('file-changed-action').click();
  await expect(page.getByTestId('file-changed')).toHaveCount(0);
  await expect(editor).toHaveValue(/# typed here\n$/);
  await expect(question).toHaveCount(0);
  await dropFiles(page, { name: 'again.wseq', text: original });
  expect(await answerDiscard(page, 'keep')).toContain('again.wseq');
  await expect(editor).toHaveValue(/# typed here\n$/);
});

test('a sequence that cannot be read says so plainly', async ({ page }) => {
  const { wseq } = await serveCopy(page);
  rmSync(wseq);
  mkdirSync(wseq);
  await expect(page.getByTestId('file-changed-message')).toContainText("return-string.wseq changed on disk but cannot be read: is a directory. The page keeps the editor's text.");
});

test('a sequence changed twice on disk before anyone acts: the editor as opened has no edits to lose', async ({ page }) => {
  // The warning compared the editor with the text before the latest change only: an editor left
  // as opened was said to hold edits once the file had changed twice.
  const { wasm, wseq } = await serveCopy(page);
  const original = readFileSync(wseq, 'utf8');
  writeFileSync(wseq, `${original}# once\n`);
  await expect(page.getByTestId('file-changed-message')).toContainText('return-string.wseq changed on disk.');
  writeFileSync(wseq, `${original}# twice\n`);
  // The server looks at the sequence before the module, each time: once the module's notice is
  // here, so is the sequence's second change.
  rmSync(wasm);
  await expect(page.locator('[data-testid="file-changed"][data-kind="module"]')).toContainText('it is gone from disk');
  await expect(page.getByTestId('file-changed-action')).toHaveText('Load from disk');
  await expect(page.getByTestId('file-changed-edits')).toHaveCount(0);
  // Edits of the page's own, and a third change: now they are at risk, and it says so.
  const editor = page.getByTestId('sequence-text');
  await editor.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('# typed here\n');
  writeFileSync(wseq, `${original}# three times\n`);
  await expect(page.getByTestId('file-changed-action')).toHaveText('Load from disk, replacing edits');
  await expect(page.getByTestId('file-changed-edits')).toContainText('The editor has edits that are not in the file');
  await expect(editor).toHaveValue(`${original}# typed here\n`);
});

test('a module renamed away and back unchanged: the notice it was gone goes, with nothing to take', async ({ page }) => {
  const { wasm } = await serveCopy(page);
  renameSync(wasm, `${wasm}.away`);
  await expect(page.getByTestId('file-changed-message')).toContainText('return-string.wasm changed on disk but cannot be loaded: it is gone from disk.');
  renameSync(`${wasm}.away`, wasm);
  await expect(page.getByTestId('file-changed')).toHaveCount(0);
});

test('two tabs, and a module rebuilt with other exports: both hear of it, Reload in one says which lines no longer bind, in both, keeping the text', async ({ page }) => {
  const { wasm } = await serveCopy(page);
  const other = await page.context().newPage();
  await other.goto(page.url());
  await expect(other.getByTestId('sequence-name')).toContainText('return-string.wseq');
  const text = await page.getByTestId('sequence-text').inputValue();
  // Another valid module under the same name, which exports no ReturnString.
  cpSync(join(examples, 'linked-list', 'linked-list.wasm'), wasm);
  for (const tab of [page, other]) await expect(tab.getByTestId('file-changed-message')).toContainText('return-string.wasm changed on disk.');
  await page.getByTestId('file-changed-action').click();
  for (const tab of [page, other]) {
    await expect(tab.getByTestId('file-changed')).toHaveCount(0);
    await expect(tab.getByTestId('sequence-error').first()).toContainText(/^20:1 the module exports no function .ReturnString.$/);
    await expect(tab.getByTestId('sequence-text')).toHaveValue(text);
  }
  await other.close();
});

test('a module deleted, then written in two steps: the notice says why it cannot be loaded until the whole module is there', async ({ page }) => {
  const { wasm } = await serveCopy(page);
  const bytes = readFileSync(wasm);
  const message = page.getByTestId('file-changed-message');
  rmSync(wasm);
  await expect(message).toContainText('return-string.wasm changed on disk but cannot be loaded: it is gone from disk. The page keeps running the module read at start.');
  await expect(page.getByTestId('file-changed-action')).toHaveCount(0);
  // Half of it: before, the notice offered Reload of those bytes, and Reload failed.
  writeFileSync(wasm, bytes.subarray(0, bytes.length >> 1));
  await expect(message).toContainText(/return-string\.wasm changed on disk but cannot be loaded: .*byte offset \d+\)\. The page keeps running the module read at start\./);
  await expect(page.getByTestId('file-changed-action')).toHaveCount(0);
  writeFileSync(wasm, bytes);
  // The whole module again, the bytes the session runs: nothing to take.
  await expect(page.getByTestId('file-changed')).toHaveCount(0);
  await expect(page.getByTestId('error-bar')).toHaveCount(0);
});
