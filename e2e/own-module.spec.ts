// A newcomer's first hour with their own module (issue 14's "Done when"): a WAT module built in
// the test opens with a starter sequence Memscope wrote for it, which runs green with F5; then
// the hex-editor verbs on what the guest wrote: search, copy as a C array, a bookmark kept in the
// sequence that is there again after reopening the module with its saved sequence, and bookmarks
// an earlier version kept in the browser moving into the sequence.

import { expect, test, type Page } from './test.ts';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appUrl, gotoAddress, gridByteText, hoverGridByte, openDemo, pickModuleFiles, pressStep, screenshot, stepCount } from './helpers.ts';
import { openOwnModule, ownModuleBytes } from './own-module.ts';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const NO_MEMORY = join(import.meta.dirname, '..', 'src-main', 'testdata', 'no-memory.wasm');
const HIDDEN_MEMORY = join(import.meta.dirname, '..', 'src-main', 'testdata', 'hidden-memory.wasm');

test.beforeEach(async ({ page }) => {
  await page.goto(appUrl());
  await expect(page.getByTestId('start-screen').or(page.getByTestId('memory-view'))).toBeVisible();
});

test('own module: accept the starter sequence and F5 it green', async ({ page }) => {
  await openOwnModule(page);
  const editor = page.getByTestId('sequence-text');
  await expect(page.getByTestId('sequence-name')).toHaveText('own.wseq');
  const text = await editor.inputValue();
  expect(text).toContain('# Starter sequence for own.wasm');
  expect(text).toContain('greet(ret)');
  expect(text).toContain('# r = sum(0, 0)');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('step-error')).toHaveCount(0);
  await expect(page.getByTestId('call-error')).toHaveCount(0);
  await expect(page.locator('[data-testid="bound-value"][data-name="text"]')).toContainText('"own module says hi"');
});

test('a module without memory: its starter runs as written, and the memory view says there is none', async ({ page }) => {
  await pickModuleFiles(page, { name: 'no-memory.wasm', mimeType: 'application/wasm', buffer: readFileSync(NO_MEMORY) });
  await expect(page.getByTestId('no-memory')).toContainText('This module has no linear memory');
  await expect(page.getByTestId('sequence-text')).toHaveValue(/\nr = add\(0, 0\)\nr = answer\(\)\n/);
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
  await expect(page.locator('[data-testid="bound-value"][data-name="r"]').last()).toHaveText('r = 42');
  // Nothing to capture: no capture time under the calls.
  await expect(page.getByTestId('call-log')).not.toContainText('capture');
});

test('a module whose memory is neither exported nor imported: the memory view says the host cannot reach it, not an empty grid', async ({ page }) => {
  await pickModuleFiles(page, { name: 'hidden-memory.wasm', mimeType: 'application/wasm', buffer: readFileSync(HIDDEN_MEMORY) });
  await expect(page.getByTestId('no-memory')).toHaveText(
    'There are no bytes to show here: the module\'s memory is neither exported nor imported, so the host cannot reach it: '
    + 'export it (`(export "memory" (memory 0))`, wasm-ld --export-memory) to look inside.',
  );
  await expect(page.getByTestId('sequence-text')).toHaveValue(/\n# No step below reads or writes memory: /);
});

/** Opens own.wasm and runs its starter sequence to the end. */
async function runOwnModule(page: Page): Promise<void> {
  await openOwnModule(page);
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
}

// The starter's ret = alloc(8) gets 4096 from the bump allocator; greet's copy of its text gets
// the next block, 4104 (0x1008); the data segment's original is at 1024.
const COPY = 0x1008;

test('search memory finds the string the guest wrote, with next/previous', async ({ page }) => {
  await runOwnModule(page);
  await page.getByTestId('search-input').fill('own module says hi');
  await page.getByTestId('search-go').click();
  await expect(page.getByTestId('search-count')).toHaveText('1 of 2');
  await expect(page.getByTestId('inspector-address')).toHaveText('at 0x00000400');
  await page.getByTestId('search-next').click();
  await expect(page.getByTestId('search-count')).toHaveText('2 of 2');
  await expect(page.getByTestId('inspector-address')).toHaveText(`at 0x${COPY.toString(16).padStart(8, '0')}`);
  await expect(page.locator(`[data-testid="memory-grid"] [data-addr="${COPY}"]`)).toHaveAttribute('data-hit', '1');
  // Numbers and hex with wildcards: the {ptr, len} pair greet wrote at 4096.
  await page.getByTestId('search-kind').selectOption('u32');
  await page.getByTestId('search-input').fill(String(COPY));
  await page.getByTestId('search-go').click();
  await expect(page.getByTestId('search-count')).toHaveText('1 of 1');
  await expect(page.getByTestId('inspector-address')).toHaveText('at 0x00001000');
  await page.getByTestId('search-kind').selectOption('hex');
  await page.getByTestId('search-input').fill('08 10 ?? 00 12');
  await page.getByTestId('search-go').click();
  await expect(page.getByTestId('search-count')).toHaveText('1 of 1');
});

test('a blank or invalid search clears the hits and says why; the byte editor says its errors by itself', async ({ page }) => {
  await runOwnModule(page);
  const message = page.getByTestId('search-message');
  const hitsShown = page.locator('[data-testid="memory-grid"] [data-hit]');
  // The byte editor's error shows by the editor, with a hint that suggests no ?? wildcards.
  await page.getByTestId('goto-input').fill('0x400');
  await page.getByTestId('goto-input').press('Enter');
  await page.getByTestId('edit-bytes').fill('zz');
  await page.getByTestId('edit-bytes').press('Enter');
  await expect(page.getByTestId('edit-message')).toHaveText('"zz" is not a hex byte (write pairs like de ad be ef)');
  await expect(message).toHaveCount(0);
  // Blank is nothing typed for a number (it once searched for every zero byte).
  await page.getByTestId('search-kind').selectOption('u32');
  await page.getByTestId('search-input').fill('   ');
  await page.getByTestId('search-input').press('Enter');
  await expect(message).toHaveText('type something to search for');
  await expect(page.getByTestId('search-count')).toHaveCount(0);
  // A search that finds greet's pointer, then an invalid one: only the error is left.
  await page.getByTestId('search-input').fill(String(COPY));
  await page.getByTestId('search-input').press('Enter');
  await expect(page.getByTestId('search-count')).toHaveText('1 of 1');
  await expect(hitsShown).not.toHaveCount(0);
  await expect(message).toHaveCount(0);
  await page.getByTestId('search-input').fill('abc');
  await page.getByTestId('search-input').press('Enter');
  await expect(message).toHaveText('"abc" is not an integer');
  await expect(page.getByTestId('search-count')).toHaveCount(0);
  await expect(page.getByTestId('search-next')).toHaveCount(0);
  await expect(hitsShown).toHaveCount(0);
  await expect(page.getByTestId('edit-message')).toHaveText(/"zz"/);
  // f32 says a number too big for it does not fit, as the engine does.
  await page.getByTestId('search-kind').selectOption('f32');
  await page.getByTestId('search-input').fill('1e40');
  await page.getByTestId('search-input').press('Enter');
  await expect(message).toHaveText('1e+40 does not fit in f32 (-3.4028234663852886e+38 to 3.4028234663852886e+38)');
});

test('copy the text region as a C array; a bookmark on it is there after reopening with its sequence', async ({ page }, info) => {
  await runOwnModule(page);
  await page.locator('[data-testid="region-chip"][data-region-name="text"]').click();
  await expect(page.getByTestId('selection-range')).toHaveText('0x00001008–0x00001019 · 18 B');
  await page.getByTestId('copy-c').click();
  const expected = [
    '// 18 bytes at 0x00001008',
    'const unsigned char mem_1008[18] = {',
    '    0x6f, 0x77, 0x6e, 0x20, 0x6d, 0x6f, 0x64, 0x75, 0x6c, 0x65, 0x20, 0x73,',
    '    0x61, 0x79, 0x73, 0x20, 0x68, 0x69,',
    '};',
  ].join('\n');
  await expect(page.getByTestId('copy-done')).toHaveAttribute('title', expected);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected);

  // The bookmark is a line of the sequence, so it travels with the saved .wseq; adding it keeps
  // the run (it runs nothing).
  const { at } = await stepCount(page);
  await page.getByTestId('bookmark-name').fill('greeting');
  await page.getByTestId('bookmark-colour').selectOption('green');
  await page.getByTestId('bookmark-add').click();
  await expect(page.locator('[data-testid="bookmark"][data-name="greeting"]')).toContainText('0x00001008 · 18 B');
  await expect(page.locator('[data-testid="bookmark"][data-name="greeting"]')).toHaveAttribute('data-kept', 'sequence');
  await expect(page.getByTestId('sequence-text')).toHaveValue(/\nbookmark "greeting" @ 0x1008 \[18\] green\n$/);
  expect((await stepCount(page)).at).toBe(at);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-sequence').click()]);
  const saved = info.outputPath('own.wseq');
  await download.saveAs(saved);

  await openOwnModule(page);
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'ready');
  await expect(page.locator('[data-testid="bookmark"][data-name="greeting"]')).toHaveCount(0);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('open-sequence').click()]);
  await chooser.setFiles(saved);
  const bookmark = page.locator('[data-testid="bookmark"][data-name="greeting"]');
  await expect(bookmark).toBeVisible();
  await bookmark.click();
  await expect(page.getByTestId('selection-range')).toHaveText('0x00001008–0x00001019 · 18 B');
});

test('a sequence that is not UTF-8 is refused where its first such byte is, and the sequence shown stays', async ({ page }) => {
  await openOwnModule(page);
  const before = await page.getByTestId('sequence-text').inputValue();
  const latin1 = Buffer.concat([Buffer.from('x = 1\nwrite utf8 "caf'), Buffer.from([0xe9]), Buffer.from('" @ 0\n')]);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('open-sequence').click()]);
  await chooser.setFiles({ name: 'latin1.wseq', mimeType: 'text/plain', buffer: latin1 });
  await expect(page.getByTestId('error-bar')).toHaveAttribute('data-code', 'parse-error');
  await expect(page.getByTestId('error-where')).toHaveText('latin1.wseq: line 2:16');
  await expect(page.getByTestId('error-message')).toHaveText('byte 0xe9 (offset 21 in the file) is not UTF-8: sequences are UTF-8 text; save the file as UTF-8');
  await expect(page.getByTestId('sequence-text')).toHaveValue(before);
});

test('a sequence opened whose module line names another file says it runs against the module open', async ({ page }) => {
  await openOwnModule(page);
  await expect(page.getByTestId('other-module')).toBeHidden();
  const text = Buffer.from('module "../build/greet.wasm"\nx = 1\n');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('open-sequence').click()]);
  await chooser.setFiles({ name: 'greet.wseq', mimeType: 'text/plain', buffer: text });
  await expect(page.getByTestId('other-module')).toHaveText('Its module line names ../build/greet.wasm; it runs against own.wasm, the module open.');
  await screenshot(page, 'other-module');
});

test('bookmarks an earlier version kept in the browser are listed, and move into the sequence', async ({ page }) => {
  const sha = createHash('sha256').update(await ownModuleBytes()).digest('hex');
  await page.goto(appUrl());
  await page.evaluate(([key, value]) => localStorage.setItem(key!, value!), [`memscope.bookmarks.${sha}`, JSON.stringify([{ name: 'old', start: 0x1008, size: 4, colour: 'pink' }])]);
  await openOwnModule(page);
  const old = page.locator('[data-testid="bookmark"][data-name="old"]');
  await expect(old).toHaveAttribute('data-kept', 'browser');
  await page.getByTestId('bookmark-adopt').click();
  await expect(old).toHaveAttribute('data-kept', 'sequence');
  await expect(page.getByTestId('sequence-text')).toHaveValue(/\nbookmark "old" @ 0x1008 \[4\] pink\n$/);
  expect(await page.evaluate((key) => localStorage.getItem(key), `memscope.bookmarks.${sha}`)).toBeNull();
});

test('a range selected with the mouse and with Shift+arrows', async ({ page }) => {
  await runOwnModule(page);
  await page.getByTestId('goto-input').fill('0x400');
  await page.getByTestId('goto-input').press('Enter');
  await hoverGridByte(page, 0x400);
  await page.mouse.down();
  await hoverGridByte(page, 0x403);
  await page.mouse.up();
  await expect(page.getByTestId('selection-range')).toHaveText('0x00000400–0x00000403 · 4 B');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await expect(page.getByTestId('selection-range')).toHaveText('0x00000400–0x00000405 · 6 B');
  await page.getByTestId('copy-text').click();
  await expect(page.getByTestId('copy-done')).toHaveAttribute('title', 'own mo');
});

test('copy says what it copied: the first 1 MiB of a larger selection; a refused clipboard is not "copied"', async ({ page }) => {
  await openDemo(page, 'big-memory');
  // Go to selects the byte and hands the keys to the grid; Ctrl+Shift+End selects to the end.
  await gotoAddress(page, '0x0');
  await expect(page.getByTestId('selection-range')).toHaveText('0x00000000–0x00000000 · 1 B');
  await page.keyboard.press('Control+Shift+End');
  await expect(page.getByTestId('selection-range')).toHaveText('0x00000000–0x00ffffff · 16777216 B');
  await page.getByTestId('copy-hex').click();
  await expect(page.getByTestId('copy-done')).toHaveText('copied the first 1 MiB of 16 MiB');
  expect((await page.evaluate(() => navigator.clipboard.readText())).length).toBeGreaterThanOrEqual(2 * (1 << 20));
  // As Chromium refuses a page that is not focused: the note is the refusal, beside the selection.
  await page.evaluate(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException('Document is not focused.', 'NotAllowedError'));
  });
  await page.getByTestId('copy-text').click();
  await expect(page.getByTestId('copy-message')).toHaveText('not copied: the clipboard refused it (Document is not focused.)');
  await expect(page.getByTestId('copy-done')).toHaveCount(0);
  await expect(page.getByTestId('search-message')).toHaveCount(0);
  // Another selection: the note was about the last one.
  await gotoAddress(page, '0x20');
  await expect(page.getByTestId('selection-range')).toHaveText('0x00000020–0x00000020 · 1 B');
  await expect(page.getByTestId('copy-message')).toHaveCount(0);
});

test('the inspector reads hex/octal/binary, a 64-bit pointer, LEB128, bool and char', async ({ page }) => {
  await runOwnModule(page);
  // At 4096 greet wrote {ptr: 0x1008, len: 18}: 08 10 00 00 12 00 00 00.
  await page.getByTestId('goto-input').fill('0x1000');
  await page.getByTestId('goto-input').press('Enter');
  await expect(page.getByTestId('inspector-u32')).toHaveText('4104');
  await page.getByTestId('inspector-radix').selectOption('hex');
  await expect(page.getByTestId('inspector-u32')).toHaveText('0x1008');
  await expect(page.getByTestId('inspector-u64')).toHaveText('0x1200001008');
  await page.getByTestId('inspector-radix').selectOption('bin');
  await expect(page.getByTestId('inspector-u8')).toHaveText('0b1000');
  await expect(page.getByTestId('inspector-ptr64')).toContainText('0x1200001008');
  await expect(page.getByTestId('inspector-follow64')).toBeDisabled();
  await expect(page.getByTestId('inspector-uleb128')).toHaveText('0b1000 (1 B)');
  await expect(page.getByTestId('inspector-bool')).toHaveText('true (0x8)');
  await page.getByTestId('goto-input').fill('0x400');
  await page.getByTestId('goto-input').press('Enter');
  await expect(page.getByTestId('inspector-char')).toHaveText("'o' U+006F");
  await page.getByTestId('inspector-radix').selectOption('dec');
});

test('a byte edit mid-run goes in before the next step and runs now; after a failed step it is refused, the sequence unchanged', async ({ page }) => {
  // Appended at the end mid-run, it waited behind the other steps: nothing changed, and behind a
  // step that traps it never ran.
  await openDemo(page, 'trap');
  await pressStep(page);
  const { total } = await stepCount(page);
  const editor = page.getByTestId('sequence-text');
  const lines = (await editor.inputValue()).split('\n');
  await page.getByTestId('goto-input').fill('0x200');
  await page.getByTestId('goto-input').press('Enter');
  await page.getByTestId('edit-bytes').fill('ff ee');
  await page.getByTestId('edit-write').click();
  await expect(page.getByTestId('step-counter')).toHaveText(`step 2 / ${total + 1}`);
  await expect.poll(() => gridByteText(page, 0x200)).toBe('ff');
  await expect.poll(() => gridByteText(page, 0x201)).toBe('ee');
  const placed = (await editor.inputValue()).split('\n');
  const at = placed.indexOf('write bytes "ff ee" @ 0x00000200');
  expect(at).toBeGreaterThan(0);
  expect([...placed.slice(0, at), ...placed.slice(at + 1)]).toEqual(lines);

  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'failed');
  const failed = await editor.inputValue();
  await page.getByTestId('edit-bytes').fill('01');
  await page.getByTestId('edit-write').click();
  await expect(page.getByTestId('error-message')).toHaveText('not added (write bytes "01" @ 0x00000200): the last step failed; step back (Shift+F10) or reset, then try again');
  await expect(editor).toHaveValue(failed);
});

test('a selection read as a struct, and a byte edit, become steps of the sequence', async ({ page }) => {
  await runOwnModule(page);
  const editor = page.getByTestId('sequence-text');
  await page.locator('[data-testid="region-chip"][data-region-name="ret"]').click();
  await page.getByTestId('struct-read').click();
  await expect(editor).toHaveValue(/st = read \{at0: u32, at4: u32\} @ 0x00001000\n$/);
  // at0 points into the string the guest returned (a region by then): an address, in hex.
  await expect(page.locator('[data-testid="bound-value"][data-name="st"]')).toContainText('{at0: 0x1008, at4: 18}');
  await expect(page.getByTestId('step-counter')).toHaveText(/^step (\d+) \/ \1$/);
  const before = Number(/\/ (\d+)/.exec(await page.getByTestId('step-counter').textContent() ?? '')![1]);

  await page.getByTestId('goto-input').fill('0x400');
  await page.getByTestId('goto-input').press('Enter');
  await page.getByTestId('edit-bytes').fill('4f 57');
  await page.getByTestId('edit-write').click();
  await expect(editor).toHaveValue(/write bytes "4f 57" @ 0x00000400\n$/);
  // The write ran as the last step, one more than before: the run is done again and the grid
  // shows the new bytes. (The badge already said done before the edit, so the counter is what
  // tells the new run from the old one.)
  const total = before + 1;
  await expect(page.getByTestId('step-counter')).toHaveText(`step ${total} / ${total}`);
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
  await expect.poll(() => gridByteText(page, 1024)).toBe('4f');
  await expect.poll(() => gridByteText(page, 1025)).toBe('57');
});
