// Inside the call, in the app: write tracing, turned on mid-run, names who wrote a byte (tooltip,
// inspector, call log filter), a watch from the grid's selection records the guest's write, and
// Shift+F10 steps back exactly, also after a trap and when pressed quickly.

import { expect, test, type Page } from './test.ts';
import { appUrl, clickGridByte, holdBackAnswers, gotoAddress, gridByteText, hoverGridByte, openDemo, pressAtPause, pressStep, screenshot, stepCount, terminalRows } from './helpers.ts';

test.beforeEach(async ({ page }) => {
  await page.goto(appUrl());
  await expect(page.getByTestId('start-screen').or(page.getByTestId('memory-view'))).toBeVisible();
});

async function stepBack(page: Page): Promise<void> {
  const { at } = await stepCount(page);
  await page.keyboard.press('Shift+F10');
  await expect(page.getByTestId('step-counter')).toContainText(`step ${at - 1} /`);
}


test('trace writes: turned on mid-run it keeps the place; the tooltip, the inspector and the call log name the writer; Shift+F10 goes back', async ({ page }) => {
  await openDemo(page, 'c-struct');
  for (let i = 0; i < 4; i++) await pressStep(page); // size, expect, p = malloc(size), point_init(p, 3, 4, 7)
  // Turned on at step 4: the four steps are replayed traced, and the run stays at step 4.
  await page.getByTestId('trace-writes').check();
  await expect(page.getByTestId('trace-writes')).toBeChecked();
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'paused');
  await expect(page.getByTestId('step-counter')).toContainText('step 4 /');
  const p = Number(await page.locator('[data-testid="bound-value"][data-name="p"]').first().textContent().then((t) => /(0x[0-9a-f]+|\d+)$/.exec(t ?? '')?.[1]));
  await gotoAddress(page, 'p');
  await clickGridByte(page, p);
  await expect(page.getByTestId('inspector-writer')).toHaveText('written by point_init+0x5 in step 4 (line 22)');
  await hoverGridByte(page, p + 4);
  await expect(page.getByTestId('memory-grid')).toHaveAttribute('title', /written by point_init\+0x20 in step 4/);
  // The call log shows the step's writes; filtered to one function, only its rows stay.
  await page.getByTestId('writer-filter').selectOption('point_init');
  const rows = page.locator('[data-testid="call-step"][data-step="3"] [data-testid="write-row"]');
  await expect(rows.first()).toBeVisible();
  expect(await rows.evaluateAll((els) => els.every((e) => e.getAttribute('data-function') === 'point_init'))).toBe(true);
  await screenshot(page, 'trace-writes');

  // Shift+F10: point_init is undone exactly; stepping again writes the same bytes again.
  await stepBack(page);
  await expect(page.locator('[data-testid="call-step"]')).toHaveCount(3);
  await expect.poll(() => gridByteText(page, p)).toBe('00');
  await pressStep(page);
  await expect.poll(() => gridByteText(page, p)).toBe('03');
});

test('a watch from the grid selection records the guest write that hits it', async ({ page }) => {
  await openDemo(page, 'c-struct');
  for (let i = 0; i < 3; i++) await pressStep(page); // … p = malloc(size)
  const p = Number(await page.locator('[data-testid="bound-value"][data-name="p"]').first().textContent().then((t) => /(0x[0-9a-f]+|\d+)$/.exec(t ?? '')?.[1]));
  await gotoAddress(page, 'p');
  await clickGridByte(page, p);
  await page.getByTestId('watch-selection').click();
  // The watch line went in before the next step, and the run came back to the same point.
  // (A fresh worker prepares the module for tracing and replays three steps: generous on a busy machine.)
  await expect(page.getByTestId('step-counter')).toContainText('step 4 /', { timeout: 60_000 });
  await pressStep(page);
  await expect(page.getByTestId('watch-hit')).toContainText(`watch w_${p.toString(16)} @ 0x${p.toString(16)} [1]: 00 → 03 by point_init+0x5`);
  await screenshot(page, 'watch-hit');
});

test('Watch on a range selected by hand watches the whole range', async ({ page }) => {
  // It watched one byte: the inspector's width at the selected byte, not the range.
  await openDemo(page, 'c-struct');
  for (let i = 0; i < 3; i++) await pressStep(page); // … p = malloc(size)
  const p = Number(await page.locator('[data-testid="bound-value"][data-name="p"]').first().textContent().then((t) => /(0x[0-9a-f]+|\d+)$/.exec(t ?? '')?.[1]));
  await gotoAddress(page, 'p');
  await clickGridByte(page, p);
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight');
  await expect(page.getByTestId('selection-range')).toContainText('4 B');
  await page.getByTestId('watch-selection').click();
  await expect(page.getByTestId('sequence-text')).toHaveValue(new RegExp(`\\nwatch w_${p.toString(16)} @ 0x${p.toString(16)} \\[4\\]\\n`));
  await expect(page.getByTestId('step-counter')).toContainText('step 4 /', { timeout: 60_000 });
});

test('after a trap, Shift+F10 steps back before the trapping call and F10 traps again', async ({ page }) => {
  await openDemo(page, 'trap');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'failed');
  const { at, total } = await stepCount(page);
  expect(at).toBe(total);
  await stepBack(page);
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'paused');
  await expect(page.getByTestId('call-error')).toHaveCount(0);
  await pressStep(page);
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'failed');
  await expect(page.getByTestId('call-error')).toContainText('trap');
  await screenshot(page, 'step-back-after-trap');
});

test('Break on write after a trap goes in before the failed step and comes back to just before it', async ({ page }) => {
  // Put after the failed line, it watched nothing and the replay failed again.
  await openDemo(page, 'trap');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'failed');
  const lines = (await page.getByTestId('sequence-text').inputValue()).split('\n');
  const failing = lines.findIndex((l) => l.startsWith('oops = report(256, 0)')) + 1;
  await gotoAddress(page, '0x100');
  await clickGridByte(page, 0x100);
  await page.getByTestId('break-on-write').click();
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'paused', { timeout: 60_000 });
  await expect(page.locator('.gl.next')).toHaveAttribute('data-line', String(failing + 1));
  expect((await page.getByTestId('sequence-text').inputValue()).split('\n')[failing - 1]).toMatch(/^watch w_100 @ 0x100 \[\d+\] stop$/);
  await expect(page.getByTestId('error-bar')).toBeHidden();
});

test('Reset while Trace writes replays the run shows no error: the user asked for the reset', async ({ page }) => {
  // The replay's request, ended by the reset, answered `stopped while the module was
  // instantiating`, and the error bar said so over the fresh run.
  await openDemo(page, 'trap');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'failed');
  await page.getByTestId('trace-writes').click();
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'running');
  await page.keyboard.press('Control+Shift+F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await expect(page.getByTestId('step-counter')).toContainText('step 0 /');
  await expect(page.getByTestId('error-bar')).toBeHidden();
});

test('quick Shift+F10 presses all step back: those pressed while a replay runs go back together after it', async ({ page }) => {
  await openDemo(page, 'return-string');
  for (let i = 0; i < 5; i++) await pressStep(page);
  // Pressed faster than a replay from the start runs: the first replays, the other two queue.
  await page.keyboard.press('Shift+F10');
  await page.keyboard.press('Shift+F10');
  await page.keyboard.press('Shift+F10');
  await expect(page.getByTestId('step-counter')).toContainText('step 2 /');
  await expect(page.getByTestId('queued-backs')).toBeHidden();
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'paused');
  await expect(page.locator('[data-testid="call-step"]')).toHaveCount(2);
});

test('Shift+F10 pressed while a step is still answering waits for it, then takes it back', async ({ page }) => {
  // Each step's answer is held back 1 s: its events (the counter moves) arrive first. Shift+F10
  // pressed then was dropped, and the run stayed ahead.
  await holdBackAnswers(page, 'step', 1000);
  await page.goto(appUrl());
  await openDemo(page, 'return-string');
  for (let i = 0; i < 2; i++) await pressStep(page);
  await page.keyboard.press('F10');
  await expect(page.getByTestId('step-counter')).toContainText('step 3 /');
  await page.keyboard.press('Shift+F10');
  await expect(page.getByTestId('step-counter')).toContainText('step 2 /');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'paused');
  await expect(page.locator('[data-testid="call-step"]')).toHaveCount(2);
});

test('F10 and Shift+F10 pressed quickly are done in the order they came', async ({ page }) => {
  // The first step's answer is held back 1 s, so the other presses come while it is in flight.
  // With a queue for each key, the two F10s both ran and one Shift+F10 was dropped: step 2.
  await holdBackAnswers(page, 'step', 1000);
  await page.goto(appUrl());
  await openDemo(page, 'return-string');
  for (const key of ['F10', 'Shift+F10', 'F10', 'Shift+F10', 'F10']) await page.keyboard.press(key);
  await expect(page.getByTestId('step-counter')).toContainText('step 1 /');
  await expect(page.getByTestId('queued-steps')).toBeHidden();
  await expect(page.getByTestId('queued-backs')).toBeHidden();
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'paused');
  await expect(page.locator('[data-testid="call-step"]')).toHaveCount(1);
});

test('a `watch … stop` pauses inside the step: F10 goes on past it to the next write, printing nothing twice', async ({ page }) => {
  await openDemo(page, 'wasi-io');
  // wasi-io counts each stdin line in a static, then prints it: each count stops the run.
  await page.getByTestId('sequence-text').fill('module "wasi-io.wasm"\nenv "GREETING=hi"\nstdin "line one\\nline two\\n"\ndeterministic\nst = io_state()\nwatch lines @ st [4] stop\n_start()\n');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('watch-hit').last()).toContainText('00 00 00 00 → 01 00 00 00', { timeout: 60_000 });
  // A pause, not a failure: the marker stays on the call, and the call log says what comes next.
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'paused');
  await expect(page.getByTestId('current-step-marker')).toHaveText('‖');
  await expect(page.locator('.gl.next')).toHaveAttribute('data-line', '7');
  await expect(page.getByTestId('call-step').last()).toContainText('it stopped right after a watched write');
  await pressAtPause(page, 'F10');
  await expect(page.getByTestId('watch-hit').last()).toContainText('01 00 00 00 → 02 00 00 00');
  await expect(page.getByTestId('terminal-screen')).toContainText('hi: LINE ONE');
  await screenshot(page, 'watch-stop-paused');
  await pressAtPause(page, 'F10');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('terminal-screen')).toContainText('hi: LINE TWO');
  expect((await terminalRows(page)).filter((row) => row.includes('hi: LINE ONE'))).toHaveLength(1);
  // Reverse (Alt+F5) walks back through the writes the watch saw, paused right after each.
  await page.keyboard.press('Alt+F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'paused');
  await expect(page.getByTestId('current-step-marker')).toHaveText('‖');
  await expect(page.getByTestId('watch-hit').last()).toContainText('01 00 00 00 → 02 00 00 00');
  await page.getByTestId('reverse-button').click();
  await expect(page.getByTestId('watch-hit').last()).toContainText('00 00 00 00 → 01 00 00 00');
  await expect(page.getByTestId('watch-hit')).toHaveCount(1);
  // No write before that one: back to the start.
  await page.keyboard.press('Alt+F5');
  await expect(page.getByTestId('step-counter')).toContainText('step 0 /');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'ready');
});

test('Break on write from the inspector pauses right after each write to the bytes; F5 goes on, Alt+F5 comes back', async ({ page }) => {
  await openDemo(page, 'c-struct');
  for (let i = 0; i < 3; i++) await pressStep(page); // … p = malloc(size)
  const p = Number(await page.locator('[data-testid="bound-value"][data-name="p"]').first().textContent().then((t) => /(0x[0-9a-f]+|\d+)$/.exec(t ?? '')?.[1]));
  const y = `0x${(p + 4).toString(16)}`;
  await gotoAddress(page, 'p');
  await clickGridByte(page, p + 4);
  await page.getByTestId('break-on-write').click();
  await expect(page.getByTestId('sequence-text')).toHaveValue(new RegExp(`watch w_${(p + 4).toString(16)} @ ${y} \\[1\\] stop\\n`));
  await expect(page.getByTestId('step-counter')).toContainText('step 4 /', { timeout: 60_000 });
  // point_init's store of y: paused inside the call, y written, weight (stored next) not yet.
  await page.keyboard.press('F5');
  await expect(page.getByTestId('watch-hit').last()).toContainText(`@ ${y} [1]: 00 → 04 by point_init+0x20`, { timeout: 60_000 });
  await expect(page.getByTestId('current-step-marker')).toHaveText('‖');
  await expect.poll(() => gridByteText(page, p + 4)).toBe('04');
  await expect.poll(() => gridByteText(page, p + 8)).toBe('00');
  // On to the host's `write i32 -7 @ p + 4`, then to the end.
  await pressAtPause(page);
  await expect(page.getByTestId('watch-hit').last()).toContainText(`@ ${y} [1]: 04 → f9 by host`);
  await pressAtPause(page);
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
  // Back through y's history: the host's write, then point_init's.
  await page.keyboard.press('Alt+F5');
  await expect(page.getByTestId('current-step-marker')).toHaveText('‖');
  await expect(page.getByTestId('watch-hit').last()).toContainText(`@ ${y} [1]: 04 → f9 by host`);
  await expect.poll(() => gridByteText(page, p + 4)).toBe('f9');
  await pressAtPause(page, 'Alt+F5');
  await expect(page.getByTestId('step-counter')).toContainText('step 5 /');
  await expect(page.getByTestId('watch-hit').last()).toContainText('00 → 04 by point_init+0x20');
  await expect.poll(() => gridByteText(page, p + 4)).toBe('04');
  await screenshot(page, 'break-on-write-reverse');
});

test("a watch over a buffer a loop fills: the call log draws the step's first hits, more on request, always the stop's write, and how many were not kept", async ({ page }) => {
  await openDemo(page, 'heap-stack');
  // deepest(20) fills a 64-byte buffer in each of its 21 frames, a byte at a time: 1,344 writes,
  // the one to 0x100ff near the end (the deepest frames come first). The step keeps 1,000 hits
  // and the stop's write (its hit of both watches), and counts the rest.
  await page.getByTestId('sequence-text').fill('module "stack.wasm"\nwatch stack @ 0x10000 [0x600]\nwatch last @ 0x100ff [1] stop\nd = deepest(20)\n');
  await expect(page.getByTestId('step-counter')).toContainText('step 0 / 3');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'paused', { timeout: 30_000 });
  const hits = page.getByTestId('watch-hit');
  const more = page.getByTestId('watch-hits-more');
  await expect(hits).toHaveCount(22);
  await expect(hits.first()).toHaveText('watch stack @ 0x105c0 [1]: 00 → b4 by deepest+0x30');
  await expect(hits.last()).toHaveText('watch last @ 0x100ff [1]: 00 → a0 by deepest+0x76');
  await expect(more).toHaveText('Show 400 more watch hits (980 not shown)');
  // Its write records too (336, each a range and its writer), 20 drawn.
  await expect(page.getByTestId('write-row')).toHaveCount(20);
  await expect(page.getByTestId('writes-more')).toHaveText('Show 316 more writes (316 not shown)');
  await screenshot(page, 'watch-hits-more');
  await page.getByTestId('writes-more').click();
  await expect(page.getByTestId('write-row')).toHaveCount(336);
  await expect(page.getByTestId('writes-more')).toHaveCount(0);
  await more.click();
  await expect(hits).toHaveCount(422);
  await expect(more).toHaveText('Show 400 more watch hits (580 not shown)');
  await more.click();
  await expect(hits).toHaveCount(822);
  await more.click();
  await expect(hits).toHaveCount(1002);
  await expect(more).toHaveCount(0);
  await expect(hits.last()).toHaveText('watch last @ 0x100ff [1]: 00 → a0 by deepest+0x76');
  await expect(page.getByTestId('watch-hits-dropped')).toHaveText('… 343 more watch hits not kept');
  // A fresh run's step 3 is a new record: its rows start again at the first 20.
  await page.getByTestId('reset-button').click();
  await expect(page.getByTestId('step-counter')).toContainText('step 0 / 3');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'paused', { timeout: 30_000 });
  await expect(hits).toHaveCount(22);
  await expect(more).toHaveText('Show 400 more watch hits (980 not shown)');
  await expect(page.getByTestId('write-row')).toHaveCount(20);
});
