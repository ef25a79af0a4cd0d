// Shared steps for the e2e specs: open the app (web shell URL from global-setup, or a given
// page), open a demo from the start screen, press keys, read the UI's state.

import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { memscope } from '../src-main/cli/testing/memscope-cli.ts';

export const SCREENSHOTS = join(import.meta.dirname, 'screenshots');

export function appUrl(): string {
  const url = process.env.MEMSCOPE_URL;
  if (!url) throw new Error('MEMSCOPE_URL is not set: the global setup did not start memscope serve');
  return url;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/**
 * The JSON text of a web-shell frame as Playwright reports it: a text frame as it is, a binary
 * one (a message carrying bytes, see src-main/shared/wire.ts) its header, after its u32 length.
 */
export function frameJson(payload: string | Buffer): string {
  if (typeof payload === 'string') return payload;
  return payload.subarray(4, 4 + payload.readUInt32LE(0)).toString('utf8');
}

/** From anywhere (start screen or a session), opens a bundled demo and waits until it is ready. */
export async function openDemo(page: Page, id: string): Promise<void> {
  // Right after a page load neither shows until the first answers came: isVisible() does not wait.
  await expect(page.getByTestId('start-screen').or(page.getByTestId('memory-view'))).toBeVisible();
  if (!(await page.getByTestId('start-screen').isVisible())) await page.getByTestId('home-button').click();
  await page.locator(`[data-testid="demo-card"][data-demo-id="${id}"]`).click();
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('step-counter')).toContainText('step 0 /');
}

/** A file as Playwright's file chooser takes it. */
export interface PickedFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/**
 * From anywhere (start screen or a session), picks `files` in the start screen's Open module…
 * chooser as a person does: a module, or a module with the Emscripten glue written with it.
 */
export async function pickModuleFiles(page: Page, ...files: PickedFile[]): Promise<void> {
  await expect(page.getByTestId('start-screen').or(page.getByTestId('memory-view'))).toBeVisible();
  if (!(await page.getByTestId('start-screen').isVisible())) await page.getByTestId('home-button').click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('open-module').click();
  await (await chooser).setFiles(files);
}

/** The start screen, from wherever the shared server's session left the page. */
export async function fromStart(page: Page): Promise<void> {
  await page.goto(appUrl());
  await expect(page.getByTestId('start-screen').or(page.getByTestId('memory-view'))).toBeVisible();
  if (!(await page.getByTestId('start-screen').isVisible())) await page.getByTestId('home-button').click();
}

/** Clicks `button` and gives the file chooser it opens `files` (paths, or files as Playwright takes them). */
export async function pickFiles(page: Page, button: string, ...files: (string | PickedFile)[]): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId(button).click()]);
  await chooser.setFiles(files as string[] | PickedFile[]);
}

/**
 * Runs a bundled demo's sequence with the real CLI (`--deterministic`), writing its final memory
 * with `flag` to `file`: how a spec gets a coredump or snapshot to open.
 */
export function demoImage(demo: string, flag: '--coredump' | '--snapshot', file: string): void {
  const root = join(import.meta.dirname, '..');
  // The trap demo fails its last step on purpose (exit 1); its coredump is still written.
  memscopeOk(['run', '--deterministic', join(root, 'resources', 'examples', demo, `${demo}.wseq`), flag, file], [0, 1]);
}

/**
 * `memscope ARGS` run to its end (cli/testing/memscope-cli.ts); its stdout. An exit status
 * other than `statuses` throws, naming the command, its status and its stderr.
 */
export function memscopeOk(args: string[], statuses: number[] = [0]): string {
  const r = memscope(args);
  if (r.status === null || !statuses.includes(r.status)) {
    throw new Error(`memscope ${args.join(' ')} exited with ${r.status ?? r.signal}:\n${r.stderr}`);
  }
  return r.stdout;
}

export async function stepCount(page: Page): Promise<{ at: number; total: number }> {
  const text = (await page.getByTestId('step-counter').textContent()) ?? '';
  const m = /step (\d+) \/ (\d+)/.exec(text);
  if (!m) throw new Error(`unexpected step counter "${text}"`);
  return { at: Number(m[1]), total: Number(m[2]) };
}

/** Presses F10 (the page's shortcut, not a button) and waits for the step to land. */
export async function pressStep(page: Page): Promise<void> {
  const { at } = await stepCount(page);
  await page.keyboard.press('F10');
  await expect(page.getByTestId('step-counter')).toContainText(`step ${at + 1} /`);
}

/**
 * F5 (or F10, Alt+F5) at a pause, once the run that paused has answered: its events (a watch's
 * hit, the Locals) show before its answer, and a key while that run is in flight is ignored (the
 * badge still says running), so a press on seeing the hit could be lost under load.
 */
export async function pressAtPause(page: Page, key: 'F5' | 'F10' | 'Alt+F5' = 'F5'): Promise<void> {
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'paused');
  await page.keyboard.press(key);
}

export async function gotoAddress(page: Page, text: string): Promise<void> {
  const input = page.getByTestId('goto-input');
  await input.fill(text);
  await input.press('Enter');
}

/** The text of the ASCII column of the grid's visible rows, top to bottom (rows are placed, not kept in order). */
export async function gridAscii(page: Page): Promise<string> {
  return page.locator('[data-testid="memory-grid"] [data-row-addr]').evaluateAll((rows) => rows
    .map((r) => [Number(r.getAttribute('data-row-addr')), r.querySelector('.ascii')?.textContent ?? ''] as const)
    .sort((a, b) => a[0] - b[0])
    .map(([, text]) => text)
    .join('\n'));
}

/**
 * Byte `address` as the grid draws it (its row must be in view): the two hex digits, found in
 * the row's text at 3 columns a byte plus one after every eighth, and the middle of their box.
 * The grid draws a row as text, so a byte has no element of its own unless it is styled.
 */
export async function gridByte(page: Page, address: number): Promise<{ text: string; x: number; y: number } | null> {
  return page.evaluate((addr) => {
    const grid = document.querySelector<HTMLElement>('[data-testid="memory-grid"]');
    const bpr = Number(grid?.dataset.bytesPerRow);
    const row = grid?.querySelector(`[data-row-addr="${addr - (addr % bpr)}"] .hex`);
    if (!row) return null;
    let col = (addr % bpr) * 3 + Math.floor((addr % bpr) / 8);
    const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      if (col < node.data.length) {
        const range = document.createRange();
        range.setStart(node, col);
        range.setEnd(node, col + 2);
        const box = range.getBoundingClientRect();
        return { text: node.data.slice(col, col + 2), x: box.x + box.width / 2, y: box.y + box.height / 2 };
      }
      col -= node.data.length;
    }
    return null;
  }, address);
}

/** The two hex digits the grid shows for `address` ('' when its row is not in view). */
export async function gridByteText(page: Page, address: number): Promise<string> {
  return (await gridByte(page, address))?.text ?? '';
}

/**
 * Moves the pointer onto byte `address` in the grid's hex column, once its place holds still
 * between two reads: the grid may still be scrolling to a Go to's address on a loaded machine.
 */
export async function hoverGridByte(page: Page, address: number): Promise<void> {
  let at: Awaited<ReturnType<typeof gridByte>> = null;
  await expect.poll(async () => {
    const before = at;
    at = await gridByte(page, address);
    return at !== null && before !== null && at.x === before.x && at.y === before.y;
  }).toBe(true);
  await page.mouse.move(at!.x, at!.y);
}

/** Clicks byte `address` in the grid's hex column, again if the grid moved under the click (the inspector says which byte it took). */
export async function clickGridByte(page: Page, address: number): Promise<void> {
  const taken = `at 0x${address.toString(16).padStart(8, '0')}`;
  await expect(async () => {
    await hoverGridByte(page, address);
    await page.mouse.down();
    await page.mouse.up();
    await expect(page.getByTestId('inspector-address')).toHaveText(taken, { timeout: 5_000 });
  }).toPass();
}

/** How many bytes the grid shows as changed (runs of changed bytes carry their length). */
export async function changedBytesShown(page: Page): Promise<number> {
  return page.getByTestId('changed-byte').evaluateAll((els) => els.reduce((n, e) => n + Number(e.getAttribute('data-len')), 0));
}

/**
 * Holds back the answers to every `name` request by `ms`, the way a loaded machine delays one:
 * the request's events (which come before its answer) still arrive at once. Call before the
 * page opens its socket (before page.goto).
 */
export async function holdBackAnswers(page: Page, name: string, ms: number): Promise<void> {
  const request = new RegExp(`"id":(\\d+),"name":"${name}"`);
  await page.routeWebSocket(/.*/, (ws) => {
    const server = ws.connectToServer();
    const held = new Set<number>();
    ws.onMessage((m) => {
      const asked = typeof m === 'string' ? request.exec(m) : null;
      if (asked) held.add(Number(asked[1]));
      server.send(m);
    });
    server.onMessage((m) => {
      const head = typeof m === 'string' ? m : m.subarray(0, 200).toString('latin1');
      const id = /"type":"response","id":(\d+)/.exec(head);
      if (id && held.delete(Number(id[1]))) setTimeout(() => ws.send(m), ms);
      else ws.send(m);
    });
  });
}

/**
 * The output terminal's rows on screen, as text, trailing blanks dropped (`which` picks other
 * rows, as the screen reader's). Not the panel's innerText: with screen-reader mode on, xterm
 * keeps a copy of the rows for assistive technology, so every line read there twice or more.
 */
export async function terminalRows(page: Page, which = '.xterm-rows > div'): Promise<string[]> {
  const all = await page.locator(`[data-testid=terminal-screen] ${which}`).allTextContents();
  const text = all.map((r) => r.replace(/\s+$/, ''));
  while (text.length > 0 && text.at(-1) === '') text.pop();
  return text;
}


/**
 * Opens the diff (it must be closed) and diffs the memory after step `from` with that after step
 * `to` (0-based): the pickers are set by value, as a plain string also matches labels, and label
 * '4' (step 4) comes before value '4' (step 5). The caller waits for the summary it expects.
 */
export async function diffSteps(page: Page, from: number, to: number): Promise<void> {
  await page.getByTestId('diff-toggle').click();
  await page.getByTestId('diff-from').selectOption({ value: String(from) });
  await page.getByTestId('diff-to').selectOption({ value: String(to) });
  await page.getByTestId('diff-go').click();
}

/** The diff's listed ranges, [start, end) each, in the list's order. */
export async function diffRanges(page: Page): Promise<[number, number][]> {
  return page.getByTestId('diff-range').evaluateAll((els) => els.map((e): [number, number] => [Number(e.getAttribute('data-start')), Number(e.getAttribute('data-end'))]));
}

/** Opens infinite-loop with a time limit far above this test's waits, and runs into spin(). */
export async function runIntoLoop(page: Page): Promise<void> {
  await page.goto(appUrl());
  await openDemo(page, 'infinite-loop');
  const editor = page.getByTestId('sequence-text');
  await editor.fill((await editor.inputValue()).replace('timeout 1000', 'timeout 120000'));
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('edit-pending')).toHaveCount(0);
  await page.keyboard.press('F5');
  await expect(page.getByTestId('step-counter')).toContainText('step 6 / 7');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'running');
}

/** Files dropped on the window, as from a file manager: each with its text or its bytes. */
export async function dropFiles(page: Page, ...files: { name: string; text?: string; bytes?: Uint8Array }[]): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, text: f.text ?? '', bytes: f.bytes ? [...f.bytes] : null }));
  await page.evaluate((payload) => {
    const dt = new DataTransfer();
    for (const f of payload) dt.items.add(new File([f.bytes ? new Uint8Array(f.bytes) : f.text], f.name));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, payload);
}
