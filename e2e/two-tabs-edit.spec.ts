// Two pages on one `memscope serve`, one stepping while the other edits the sequence. A single
// step sent the other pages no "running" state (now it does once it lasts 300 ms; a quicker one
// the server refuses a typing pause's edit during), so page B's typing pause applied its edit during
// page A's step: the edit's fresh run ended A's step, B replayed the steps it knew of (none), and
// both pages sat at step 0 with A's step and output gone, unsaid. The step here lasts until the
// test creates a file (testdata/wait-go.c), so it is long enough on any machine.

import { expect, test, type Locator, type Page } from './test.ts';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServe, type ServeProcess } from '../src-main/web/testing/serve-process.ts';
import { openDemo, terminalRows } from './helpers.ts';

const TEXT = 'module "wait-go.wasm"\ndir "gate" as "/w"\ntimeout 60000\na = tick(1)\nb = tick(2)\n';
let server: ServeProcess | null = null;

/** Serves a copy of wait-go.wasm with its sequence opened at start; returns the URL and the gate directory. */
async function serve(): Promise<{ url: string; gate: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'memscope-two-tabs-'));
  const gate = join(dir, 'gate');
  mkdirSync(gate);
  cpSync(join(import.meta.dirname, 'testdata', 'wait-go.wasm'), join(dir, 'wait-go.wasm'));
  writeFileSync(join(dir, 'wait.wseq'), TEXT);
  server = await startServe(['--sequence', join(dir, 'wait.wseq')]);
  return { url: server.url, gate };
}

test.afterEach(() => {
  if (server?.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  server = null;
});

async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('sequence-name')).toContainText('wait.wseq');
}

const ticks = async (page: Page): Promise<string[]> => (await terminalRows(page)).filter((r) => r.startsWith('tick'));

/** A presses F10 and its step is under way (it printed, and waits for the gate). */
async function stepInA(a: Page): Promise<void> {
  await a.keyboard.press('F10');
  await expect.poll(() => ticks(a)).toEqual(['tick 1']);
}

/** B types a line at the end of its sequence; its editor. */
async function typeInB(b: Page): Promise<Locator> {
  const editor = b.getByTestId('sequence-text');
  await editor.focus();
  await b.keyboard.press('Control+End');
  await b.keyboard.type('# from B\n');
  return editor;
}

test("an edit typed in one page during another page's step waits for it, and keeps it", async ({ page: a, context }) => {
  const { url, gate } = await serve();
  const b = await context.newPage();
  await open(a, url);
  await open(b, url);
  await stepInA(a);

  const editor = await typeInB(b);
  // A step that lasts is said as running to every page (a quick one the server answers 'busy'
  // to a typing pause's edit): B keeps its edit until the step ends, and says so. It said
  // "applies when you pause typing or step": B had paused, and the edit still waited.
  await expect(b.getByTestId('state-badge')).toHaveAttribute('data-state', 'running');
  await expect(b.getByTestId('edit-pending')).toContainText('applies when the running step ends');
  writeFileSync(join(gate, 'go'), '');

  for (const p of [a, b]) {
    await expect(p.getByTestId('sequence-text')).toHaveValue(`${TEXT}# from B\n`);
    await expect(p.getByTestId('edit-pending')).toHaveCount(0);
    await expect(p.getByTestId('step-counter')).toContainText('step 1 /');
    await expect(p.getByTestId('state-badge')).not.toHaveAttribute('data-state', 'running');
    await expect.poll(() => ticks(p)).toEqual(['tick 1']);
    await expect(p.getByTestId('error-bar')).toHaveCount(0);
  }
});

test("Ctrl+Enter (apply now) in one page during another page's step stops it, and that page says why", async ({ page: a, context }) => {
  const { url, gate } = await serve();
  const b = await context.newPage();
  await open(a, url);
  await open(b, url);
  await stepInA(a);

  await b.getByTestId('sequence-text').fill(`${TEXT}# from B\n`);
  await b.getByTestId('sequence-text').press('Control+Enter');
  await expect(a.getByTestId('error-bar')).toContainText('the sequence was edited while it ran');
  for (const p of [a, b]) {
    await expect(p.getByTestId('sequence-text')).toHaveValue(`${TEXT}# from B\n`);
    await expect(p.getByTestId('step-counter')).toContainText('step 0 /');
  }
  // The edit's fresh run is a working one: A steps on once the gate is open.
  writeFileSync(join(gate, 'go'), '');
  await a.keyboard.press('F10');
  for (const p of [a, b]) await expect(p.getByTestId('step-counter')).toContainText('step 1 /');
});

test("Reset in one page during another page's step stops it, and that page says why", async ({ page: a, context }) => {
  const { url } = await serve();
  const b = await context.newPage();
  await open(a, url);
  await open(b, url);
  await stepInA(a);

  await b.getByTestId('reset-button').click();
  // A's step answered as one that ran, then the reset's fresh view took it off A's page, unsaid.
  await expect(a.getByTestId('error-bar')).toContainText('step 1 (line 4) was stopped: the run was reset while it ran');
  for (const p of [a, b]) await expect(p.getByTestId('step-counter')).toContainText('step 0 /');
  await expect(b.getByTestId('error-bar')).toHaveCount(0);
});

test("a demo opened in one page during another page's step stops it, and that page says why", async ({ page: a, context }) => {
  const { url } = await serve();
  const b = await context.newPage();
  await open(a, url);
  await open(b, url);
  await stepInA(a);

  await openDemo(b, 'return-string');
  // The error bar outlives the new session's view: it says why A's step vanished with the old one.
  await expect(a.getByTestId('error-bar')).toContainText('step 1 (line 4) was stopped: another module was opened in its place');
  await expect(a.getByTestId('sequence-name')).toContainText('return-string');
  await expect(b.getByTestId('error-bar')).toHaveCount(0);
});

test('Reset in the page whose step runs ends it quietly: that page asked for it', async ({ page: a }) => {
  const { url } = await serve();
  await open(a, url);
  await stepInA(a);

  await a.getByTestId('reset-button').click();
  await expect(a.getByTestId('step-counter')).toContainText('step 0 /');
  // The step's answer came before the reset's fresh view (the server runs them in turn).
  await expect(a.getByTestId('reset-button')).toBeEnabled();
  await expect(a.getByTestId('error-bar')).toHaveCount(0);
});

test("a page left while its edit waits for another page's step asks first, and keeps the edit", async ({ page: a, context }) => {
  // The edit is in that page alone until the step ends: a reload or a close lost it unasked.
  const { url, gate } = await serve();
  const b = await context.newPage();
  await open(a, url);
  await open(b, url);
  await stepInA(a);

  const editor = await typeInB(b);
  await expect(b.getByTestId('edit-pending')).toContainText('applies when the running step ends');
  const asked = b.waitForEvent('dialog');
  await b.close({ runBeforeUnload: true });
  const dialog = await asked;
  expect(dialog.type()).toBe('beforeunload');
  await dialog.dismiss();
  await expect(editor).toHaveValue(`${TEXT}# from B\n`);

  // Applied once the step ends, the edit is the session's: the page leaves without asking.
  writeFileSync(join(gate, 'go'), '');
  await expect(b.getByTestId('edit-pending')).toHaveCount(0);
  const closed = b.waitForEvent('close');
  await b.close({ runBeforeUnload: true });
  await closed;
});
