// The seed's story in headless Chromium against `memscope serve`: open the string-return demo,
// step malloc → call → read tuple → read bytes → free with F10, and check what the UI shows at
// each point; then WASI/builtin calls and the terminal, a far address in a 1 GiB memory, a
// snapshot export, and Stop on an infinite loop with the UI still responsive.

import { expect, test, type Page, type WebSocket } from './test.ts';
import { readFile } from 'node:fs/promises';
import { appUrl, changedBytesShown, frameJson, gotoAddress, gridAscii, openDemo, pickModuleFiles, pressStep, screenshot, stepCount } from './helpers.ts';

const region = (page: Page, name: string, kind: string) =>
  page.locator(`[data-testid="region-chip"][data-region-name="${name}"][data-region-kind="${kind}"]`);

/** Resolves when the web shell pushes the named event to this page. */
function waitForEvent(page: Page, name: string): Promise<void> {
  const socket = sockets.get(page);
  if (!socket) throw new Error('the page has no WebSocket to the web shell');
  return new Promise((done) => {
    const onFrame = (frame: { payload: string | Buffer }) => {
      // Events that carry memory (a step's, a fresh view's) come as binary frames.
      if (frameJson(frame.payload).startsWith(`{"type":"event","name":"${name}"`)) {
        socket.off('framereceived', onFrame);
        done();
      }
    };
    socket.on('framereceived', onFrame);
  });
}
const sockets = new WeakMap<Page, WebSocket>();

test.beforeEach(async ({ page }) => {
  page.on('websocket', (ws) => sockets.set(page, ws));
  await page.goto(appUrl());
  await expect(page.getByTestId('start-screen').or(page.getByTestId('memory-view'))).toBeVisible();
});

test('string through a result pointer, step by step with F10', async ({ page }) => {
  if (await page.getByTestId('memory-view').isVisible()) await page.getByTestId('home-button').click();
  await expect(page.locator('[data-testid="demo-card"][data-demo-id="return-string"]')).toBeVisible();
  await screenshot(page, 'start-screen');

  await openDemo(page, 'return-string');
  await expect(page.getByTestId('module-panel')).toContainText('malloc');
  await expect(page.getByTestId('module-toolchain')).toContainText(/c/i);

  // 1. ret = malloc(8): an allocation region appears.
  await pressStep(page);
  await expect(region(page, 'ret', 'alloc')).toBeVisible();
  // The block it returned is an address the grid shows as 0x10620: the call log writes it so.
  await expect(page.locator('[data-testid="call-row"][data-export="malloc"]')).toHaveText(/^malloc\(8\) → 0x10620\s/);

  // 2. ReturnString(ret): the guest writes {ptr, len} at ret and the text; changed bytes are marked.
  await pressStep(page);
  await expect(page.locator('[data-testid="call-row"][data-export="ReturnString"]')).toHaveText(/^ReturnString\(0x10620\) → \(\)\s/);
  await gotoAddress(page, 'ret');
  await expect(page.getByTestId('changed-byte').first()).toBeVisible();
  expect(await changedBytesShown(page)).toBeGreaterThanOrEqual(8);
  await screenshot(page, 'mid-sequence');

  // 3. s = read {ptr: u32, len: u32} @ ret: a struct region; 4. text = read utf8: a text region.
  await pressStep(page);
  await expect(region(page, 's', 'struct')).toBeVisible();
  await pressStep(page);
  await expect(region(page, 'text', 'text')).toBeVisible();
  // Regions are also drawn in the grid, with their names as chips.
  await gotoAddress(page, 'ret');
  await expect(page.getByTestId('grid-region-chip').filter({ hasText: 'ret' }).first()).toBeVisible();

  // The value inspector at ret + 4 reads len = 12; at s.ptr it previews the UTF-8 text.
  await gotoAddress(page, 'ret + 4');
  await expect(page.getByTestId('inspector-u32')).toHaveText('12');
  await gotoAddress(page, 's.ptr');
  await expect(page.getByTestId('inspector-utf8')).toContainText('hello from C');
  // The inspector and the grid draw from the same bytes, but the grid paints on its next frame.
  await expect.poll(() => gridAscii(page)).toContain('hello from C');

  // 5. the rest: n, expect, free(s.ptr), free(ret), expects: all green.
  const { total } = await stepCount(page);
  for (let i = 4; i < total; i++) await pressStep(page);
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
  await expect(page.locator('[data-testid="call-row"][data-export="free"]')).toHaveCount(2);
  await expect(page.locator('[data-testid="region-chip"][data-region-name="ret"]')).toContainText('freed');
  await expect(page.getByTestId('call-error')).toHaveCount(0);
  await expect(page.getByTestId('step-error')).toHaveCount(0);
  await screenshot(page, 'final');

  // Export the final snapshot as a raw .bin: a browser download of the whole memory.
  await page.getByTestId('export-button').click();
  await page.getByTestId('export-bin').check();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-save').click()]);
  expect(download.suggestedFilename()).toMatch(/^return-string\.step\d+\.bin$/);
  const bytes = await readFile((await download.path())!);
  expect(bytes.length % 65536).toBe(0);
  expect(bytes.includes(Buffer.from('hello from C'))).toBe(true);
});

test('nested WASI and builtin calls in the call log, output in the terminal', async ({ page }) => {
  await openDemo(page, 'print-builtin');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
  await expect(page.locator('[data-testid="import-row"][data-binding="builtin"]').first()).toBeVisible();
  await expect(page.getByTestId('terminal-screen')).toContainText('QUIET PLEASE');

  await openDemo(page, 'wasi-cat');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
  await expect(page.locator('[data-testid="import-row"][data-binding="wasi"][data-import$="path_open"]').first()).toBeVisible();
  await expect(page.locator('[data-testid="import-row"][data-import$="fd_write"]').first()).toContainText('Hello from a preopened directory');
  await expect(page.getByTestId('terminal-screen')).toContainText('Hello from a preopened directory!');
});

test('goto a far address in a 1 GiB memory', async ({ page }) => {
  // Growing to 1 GiB and capturing its changes is seconds of work on a loaded 2-core machine:
  // generous waits here, speed is `npm run bench`'s business.
  test.setTimeout(120_000);
  await openDemo(page, 'big-memory');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(page.getByTestId('memory-size')).toContainText(/1(\.0)? GiB|1024 MiB/);
  await gotoAddress(page, '0x3FFFFFF0');
  await expect(page.getByTestId('inspector-utf8')).toContainText('MEMSCOPE FAR END');
  await expect.poll(() => gridAscii(page)).toContain('MEMSCOPE FAR END');
});

test('Stop an infinite loop; the UI stays responsive', async ({ page }) => {
  await openDemo(page, 'infinite-loop');
  // Give the stuck step 20 s instead of the demo's 1 s, by editing the sequence in the editor,
  // so it is our Stop that ends it (the edit travels as setSequence; a new view comes back).
  const editor = page.getByTestId('sequence-text');
  const text = await editor.inputValue();
  expect(text).toContain('timeout 1000');
  const newView = waitForEvent(page, 'session');
  await editor.fill(text.replace('timeout 1000', 'timeout 20000'));
  await newView;
  await expect(page.getByTestId('step-counter')).toContainText('step 0 /');

  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'running');
  // While the guest spins in its worker, the page still answers: goto and the inspector work,
  // showing the 0xab bytes the step before the loop wrote.
  await gotoAddress(page, '1024');
  await expect(page.getByTestId('inspector-u8')).toHaveText(/171|0xab/i);
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'running');
  await page.keyboard.press('Shift+F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'terminated');
  await expect(page.getByTestId('termination')).toContainText('stopped');
  // Memory captured before the stuck step is still there to look at, and Reset starts afresh.
  await gotoAddress(page, '1024 + 255');
  await expect(page.getByTestId('inspector-u8')).toHaveText(/171|0xab/i);
  await page.getByTestId('reset-button').click();
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'ready');
});

test('a malformed module upload says what is wrong, in which file, at which byte', async ({ page }) => {
  // A type section that declares 5 bytes where only 3 follow (the section starts at offset 8).
  const bytes = Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00]);
  await pickModuleFiles(page, { name: 'bad.wasm', mimeType: 'application/wasm', buffer: bytes });
  const bar = page.getByTestId('error-bar');
  await expect(bar).toHaveAttribute('data-code', 'malformed-module');
  await expect(bar.getByTestId('error-where')).toHaveText('bad.wasm: byte offset 8 (0x8)');
  await expect(bar.getByTestId('error-message')).toContainText('type section: declares 5 bytes but only 3 remain');
  await expect(bar.getByRole('button', { name: 'Dismiss' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(bar).toBeHidden();
});

test('a module whose start function traps says so with the guest stack, in which file', async ({ page }) => {
  const bytes = await readFile(new URL('../src-main/testdata/start-trap.wasm', import.meta.url));
  await pickModuleFiles(page, { name: 'start-trap.wasm', mimeType: 'application/wasm', buffer: bytes });
  const bar = page.getByTestId('error-bar');
  await expect(bar).toHaveAttribute('data-code', 'trap');
  await expect(bar.getByTestId('error-where')).toHaveText('start-trap.wasm');
  await expect(bar.getByTestId('error-message')).toHaveText('trap during the start function: unreachable in fail');
  // The recursion is one line with its count.
  await expect(bar.getByTestId('error-frame')).toHaveText([/^at fail \(func 0 @0x[0-9a-f]+\)$/, /^at descend \(func 1 @0x[0-9a-f]+\)$/, /^at descend \(func 1 @0x[0-9a-f]+\) ×3$/, /^at init \(func 2 @0x[0-9a-f]+\)$/]);
  await screenshot(page, 'start-trap');
});

test('the error bar goes once what it said no longer holds: the line fixed and run', async ({ page }) => {
  await openDemo(page, 'return-string');
  const text = page.getByTestId('sequence-text');
  const demo = await text.inputValue();
  await text.fill(`${demo}\nread utf9 @ 0\n`);
  await page.keyboard.press('F5');
  const bar = page.getByTestId('error-bar');
  await expect(bar).toHaveAttribute('data-code', 'parse-error');
  await expect(bar.getByTestId('error-message')).toContainText("found 'utf9'");
  await text.fill(`${demo}\nexpect 1 == 1\n`);
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
  await expect(bar).toBeHidden();
});

test('a run that fails on its last step keeps that line, its ✗, in view in the editor', async ({ page }) => {
  await openDemo(page, 'trap');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'failed');
  await expect(page.getByTestId('step-counter')).toContainText(/step (\d+) \/ \1/);
  const failed = page.locator('[data-testid="sequence-editor"] .gl.bad');
  await expect(failed).toContainText('✗');
  await expect(failed).toBeInViewport();
});

test("a call row goes where stepping onto its step went: malloc's new block, not the allocator's bookkeeping", async ({ page }) => {
  await openDemo(page, 'return-string');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
  const selected = page.locator('[data-testid="memory-grid"] .b.sel').first();
  await page.locator('[data-testid="call-row"][data-export="malloc"]').first().click();
  await expect(selected).toHaveAttribute('data-addr', String(0x10620));
  await page.locator('[data-testid="call-row"][data-export="ReturnString"]').click();
  await expect(selected).toHaveAttribute('data-addr', String(0x10620));
});

test('F9 in the editor toggles a breakpoint on the caret line, and F5 stops there', async ({ page }) => {
  await openDemo(page, 'return-string');
  const editor = page.getByTestId('sequence-text');
  const lines = (await editor.inputValue()).split('\n');
  const line = lines.findIndex((l) => l.startsWith('s = read')) + 1;
  expect(line).toBeGreaterThan(1);
  await editor.evaluate((el: HTMLTextAreaElement, n) => {
    el.focus();
    const at = el.value.split('\n').slice(0, n - 1).join('\n').length + 3;
    el.setSelectionRange(at, at);
  }, line);
  await page.keyboard.press('F9');
  await expect(page.getByTestId(`breakpoint-${line}`)).toHaveClass(/\bon\b/);
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'paused');
  await expect(page.locator('.gl', { has: page.getByTestId('current-step-marker') })).toHaveAttribute('data-line', String(line));
  await editor.focus();
  await page.keyboard.press('F9');
  await expect(page.getByTestId(`breakpoint-${line}`)).not.toHaveClass(/\bon\b/);
});

test('F9 on a comment line puts the breakpoint on the step after it, where a run stops', async ({ page }) => {
  // Set on the comment itself, it was drawn nowhere and never stopped a run.
  await openDemo(page, 'return-string');
  const editor = page.getByTestId('sequence-text');
  const lines = (await editor.inputValue()).split('\n');
  const first = lines.findIndex((l) => l.startsWith('ret = malloc')) + 1;
  await editor.evaluate((el: HTMLTextAreaElement) => { el.focus(); el.setSelectionRange(2, 2); });
  await page.keyboard.press('F9');
  await expect(page.getByTestId(`breakpoint-${first}`)).toHaveClass(/\bon\b/);
  await expect(page.getByTestId('breakpoint-1')).not.toHaveClass(/\bon\b/);
  // Past the last step there is nothing to put it on: said, nothing set.
  await editor.evaluate((el: HTMLTextAreaElement) => { el.value += '\n# the end\n'; el.dispatchEvent(new Event('input')); const at = el.value.length - 3; el.setSelectionRange(at, at); });
  await page.keyboard.press('F9');
  await expect(page.getByTestId('error-message')).toHaveText(`no step at or after line ${lines.length + 1} to put a breakpoint on`);
});
