// Static variables the module's DWARF names, in the web shell: the heap panel says which one
// still points to a block, and the value inspector and the grid's tooltip name the variable at
// the selected or hovered byte, down to the member or element. The module is a real clang-19 -g build
// (src-main/engine/module/dwarf/testdata/statics.c); screenshots e2e/screenshots/statics-table.png,
// statics-heap-typed.png, statics-heap-values.png, statics-values.png, statics-rust-enums.png,
// statics-containers.png, statics-hashmap.png, statics-libcxx.png, statics-deque.png,
// heap-nodes.png, statics-o1.png, heap-nested-nodes.png, heap-nested-panel.png.

import { expect, test } from './test.ts';
import type { Locator, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appUrl, clickGridByte, gotoAddress, hoverGridByte, pickModuleFiles, pressAtPause, pressStep, screenshot } from './helpers.ts';

const TESTDATA = join(import.meta.dirname, '..', 'src-main', 'engine', 'module', 'dwarf', 'testdata');

/** Opens the test module `name` with its sequence `wseq` from testdata, and runs it to the end (F5). */
async function runToEnd(page: Page, name: string, wseq: string): Promise<void> {
  await page.goto(appUrl());
  await pickModuleFiles(page, { name, mimeType: 'application/wasm', buffer: readFileSync(join(TESTDATA, name)) });
  await page.getByTestId('sequence-text').fill(readFileSync(join(TESTDATA, wseq), 'utf8'));
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
}

/**
 * Sets the static `path` from its row as a user does: Set shows its value now (`shown`), a
 * `bad` one says what is wrong (`error`), and `good` becomes the write step `line` at the end.
 */
/**
 * The C statics module with its sequence, once the edit applied (its 8 steps counted: on a loaded
 * machine a watch added sooner went after the last line); a Statics panel row's line by path.
 */
async function openStaticsModule(page: Page): Promise<(path: string) => Locator> {
  await page.goto(appUrl());
  await pickModuleFiles(page, { name: 'statics.wasm', mimeType: 'application/wasm', buffer: readFileSync(join(TESTDATA, 'statics.wasm')) });
  await page.getByTestId('sequence-text').fill(readFileSync(join(TESTDATA, 'statics.wseq'), 'utf8'));
  await expect(page.getByTestId('step-counter')).toContainText('step 0 / 8');
  return (path) => page.locator(`[data-testid="static-item"][data-name="${path}"] > .line`);
}

async function setFromRow(page: Page, path: string, shown: string, [bad, error]: [string, string], good: string, line: RegExp): Promise<void> {
  const row = page.locator(`[data-testid="static-item"][data-name="${path}"] > .line`);
  await row.hover();
  await row.getByTestId('static-set').click();
  const input = page.getByTestId('static-set-value');
  await expect(input).toHaveValue(shown);
  await input.fill(bad);
  await input.press('Enter');
  await expect(page.getByTestId('static-set-error')).toHaveText(error);
  await input.fill(good);
  await input.press('Enter');
  await expect(page.getByTestId('sequence-text')).toHaveValue(line);
}

test('a block kept in the C global `table`: named in the heap panel, the inspector and the tooltip', async ({ page }) => {
  await runToEnd(page, 'statics.wasm', 'statics.wseq');
  const references = page.getByTestId('leak-reference');
  await expect(references.filter({ hasText: /^still pointed to from 0x43c, in the static table \(pair \*\)$/ })).toHaveCount(1);
  await expect(references.filter({ hasText: /^still pointed to from 0x10670, in table\[0\]\.key \(char \*\), the 12 B block at 0x10670$/ })).toHaveCount(1);
  // The block says what points at it, and opens into its elements' values.
  const heap = page.getByTestId('heap-panel');
  await expect(heap.locator('[data-testid="heap-typed"][data-name="table"]')).toHaveText(/what table points at \(pair\)/);
  await heap.locator('[data-testid="heap-typed"][data-name="table"] [data-testid="heap-typed-open"]').click();
  await heap.locator('[data-testid="static-item"][data-name="table[0]"] > .line > [data-testid="static-open"]').click();
  await expect(heap.locator('[data-testid="static-row"][data-name="table[0].val"]')).toContainText('= 0x10690"value"');
  await heap.locator('[data-testid="static-row"][data-name="table[0].val"]').scrollIntoViewIfNeeded();
  await screenshot(page, 'statics-heap-values');
  // Three levels deep in the narrow column a part's name stays on one line (an inline box broken
  // across lines has a client rect per line): the row's verbs take no width until shown, over its end.
  const key = heap.locator('[data-testid="static-item"][data-name="table[0].key"] > .line');
  expect(await key.locator('.name').evaluate((el) => el.getClientRects().length)).toBe(1);
  await expect(key.getByTestId('static-watch')).toBeHidden();
  await key.hover();
  await expect(key.getByTestId('static-watch')).toBeVisible();
  await screenshot(page, 'statics-heap-verbs');
  await page.mouse.move(0, 0);
  // The pointer itself, gone to by the variable's name: the inspector names it, two bytes in as well.
  await gotoAddress(page, '&table');
  await expect(page.getByTestId('goto-error')).toHaveCount(0);
  await clickGridByte(page, 0x43c);
  await expect(page.getByTestId('inspector-static')).toHaveText('in the static table (pair *)');
  await expect(page.getByTestId('inspector-ptr32')).toContainText('0x00010670');
  await clickGridByte(page, 0x43e);
  await expect(page.getByTestId('inspector-static')).toHaveText('in the static table (pair *), 2 bytes in');
  // Inside a struct or an array, the member or element DWARF lays out there.
  await hoverGridByte(page, 0x420);
  await expect(page.getByTestId('memory-grid')).toHaveAttribute('title', 'in the static grid[0][0] (unsigned short)');
  await hoverGridByte(page, 0x415);
  await expect(page.getByTestId('memory-grid')).toHaveAttribute('title', 'in the static origin.y (int), 1 byte in');
  // The heap block `table` points at reads through it, as DWARF types the pointer (pair *).
  await gotoAddress(page, '0x10670');
  await clickGridByte(page, 0x10674);
  await expect(page.getByTestId('inspector-static')).toHaveText('in table[0].val (char *)');
  await screenshot(page, 'statics-heap-typed');
  // Bytes nothing names: the slack past the block's last whole pair.
  await clickGridByte(page, 0x10678);
  await expect(page.getByTestId('inspector-static')).toHaveCount(0);
  // The Statics list: the program's own first; a click selects the variable's bytes.
  await expect(page.getByTestId('static-row').first()).toHaveAttribute('data-name', 'greeting');
  await page.locator('[data-testid="static-row"][data-name="grid"]').click();
  await expect(page.getByTestId('inspector-static')).toHaveText('in the static grid[0][0] (unsigned short)');
  await expect(page.getByTestId('selection-range')).toContainText('24 B');
  await page.locator('[data-testid="static-row"][data-name="table"]').click();
  await screenshot(page, 'statics-table');
});

test("a watch over heap blocks the static `head` reaches: the call log reads each write as the node's value, named through the pointers", async ({ page }) => {
  await runToEnd(page, 'list.wasm', 'list-watch.wseq');
  await expect(page.getByTestId('watch-hit')).toHaveText([
    'watch nodes @ 0x10630 [4]: 02 00 00 00 → 14 00 00 00 by scale_all+0x79 (list.c:21:56); head[0].value = 20 (0x14), was 2',
    'watch older @ 0x10610 [4]: 01 00 00 00 → 0a 00 00 00 by scale_all+0x79 (list.c:21:56); head[0].next[0].value = 10 (0xa), was 1',
  ]);
});

test('the Statics panel: values at the step shown, marked where it wrote, opening into members and through pointers', async ({ page }) => {
  await page.goto(appUrl());
  await pickModuleFiles(page, { name: 'statics.wasm', mimeType: 'application/wasm', buffer: readFileSync(join(TESTDATA, 'statics.wasm')) });
  await page.getByTestId('sequence-text').fill(readFileSync(join(TESTDATA, 'statics.wseq'), 'utf8'));
  const row = (path: string) => page.locator(`[data-testid="static-row"][data-name="${path}"]`);
  const value = (path: string) => row(path).getByTestId('static-value');
  const open = (path: string) => page.locator(`[data-testid="static-item"][data-name="${path}"] > .line > [data-testid="static-open"]`);
  await expect(value('count')).toHaveText('= 0');
  await expect(value('greeting')).toHaveText('= "hello"');
  await expect(value('table')).toHaveText('= 0x0');
  await expect(open('table')).toHaveCount(0); // null: nothing to open
  // k = alloc, write, v = alloc, write, put(k, v): the step that writes both.
  for (let i = 0; i < 5; i++) await pressStep(page);
  await expect(value('count')).toHaveText('= 1');
  await expect(row('count')).toHaveAttribute('data-changed', 'true');
  await expect(value('table')).toHaveText('= 0x10670');
  await expect(row('origin')).toHaveAttribute('data-changed', 'false');
  // A struct opens into its members, a pointer into what it points at, its pointers in turn.
  await open('origin').click();
  await expect(value('origin.x')).toHaveText('= 1');
  await expect(value('origin.y')).toHaveText('= 2');
  await open('table').click();
  await expect(value('table[0].key')).toHaveText('= 0x10680');
  await expect(row('table[0].key').getByTestId('static-text')).toHaveText('"key"');
  await expect(row('table[0].val').getByTestId('static-text')).toHaveText('"value"');
  await open('table[0].key').click();
  await expect(value('table[0].key[0]')).toHaveText("= 107 'k'");
  await screenshot(page, 'statics-values');
  // The next step (free(k)) writes no static: nothing is marked; what was opened stays open.
  await pressStep(page);
  await expect(row('count')).toHaveAttribute('data-changed', 'false');
  await expect(value('table[0].key[0]')).toHaveText("= 107 'k'");
  // An earlier step shows the values then: before put(), `table` was null and opened nothing.
  await page.locator('[data-testid="call-step"][data-step="0"] [data-testid="step-row"]').click();
  await expect(value('count')).toHaveText('= 0');
  await expect(value('table')).toHaveText('= 0x0');
  await expect(page.locator('[data-testid="static-item"][data-name="table[0]"]')).toHaveCount(0);
  // The filter keeps the statics whose name has the text; Escape empties it.
  await page.getByTestId('statics-filter').fill('ORIG');
  await expect(page.locator('[data-testid="statics"] > ul > [data-testid="static-item"]')).toHaveCount(1);
  await expect(page.getByTestId('statics')).toContainText('1 of 10');
  await expect(value('origin')).toHaveText('= { x: 1, y: 2 }');
  await page.getByTestId('statics-filter').press('Escape');
  await expect(page.locator('[data-testid="statics"] > ul > [data-testid="static-item"]')).toHaveCount(8);
  // Arrow keys move through the tree: Right opens, Down goes on into the parts, Left goes back up.
  await row('grid').focus();
  await page.keyboard.press('ArrowRight');
  await expect(open('grid')).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(row('grid[0]')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(row('grid[1]')).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(row('grid')).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(open('grid')).toHaveAttribute('aria-expanded', 'false');
  // A part's name goes to its bytes.
  await row('origin.y').click();
  await expect(page.getByTestId('inspector-static')).toHaveText('in the static origin.y (int)');
});

test('watch and set from the Statics panel: a line by the static\'s name; the run records who writes it, a set value is a write step', async ({ page }) => {
  const line = await openStaticsModule(page);
  await line('origin').getByTestId('static-open').click();
  // Shown on the row under the pointer; a member is watched by its path.
  await line('origin.y').hover();
  await line('origin.y').getByTestId('static-watch').click();
  await expect(page.getByTestId('sequence-text')).toHaveValue(/\nwatch origin_y @ &origin\.y\nk = alloc\(4\)\n/);
  await line('count').hover();
  await line('count').getByTestId('static-watch').click();
  await expect(page.getByTestId('sequence-text')).toHaveValue(/\nwatch count @ &count\nwatch origin_y @ &origin\.y\nk = alloc\(4\)\n/);
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('watch-hit')).toHaveCount(1); // put()'s one store to count
  // The hit reads the bytes written as the static's value, as its row does.
  await expect(page.getByTestId('watch-hit').first()).toContainText(/count.*put.*; count = 1, was 0$/);
  // Set: a value typed on the row becomes a write step at the end, run at once; a bad one says why.
  await setFromRow(page, 'count', '1', ['many', "'many' is not an integer (42, -1, 0x2a)"], '41', /\nwrite i32 41 @ &count\n?$/);
  await expect(page.locator('[data-testid="static-row"][data-name="count"]').getByTestId('static-value')).toHaveText('= 41 (0x29)');
  await expect(page.getByTestId('watch-hit').last()).toContainText(/by host; count = 41 \(0x29\), was 1$/);
});

test('break from the Statics panel: the run pauses at the C line that writes the static, then goes on', async ({ page }) => {
  const line = await openStaticsModule(page);
  await line('count').hover();
  await line('count').getByTestId('static-break').click();
  await expect(page.getByTestId('sequence-text')).toHaveValue(/\nwatch count @ &count stop\nk = alloc\(4\)\n/);
  await page.keyboard.press('F5');
  // Paused inside put(), right after its store to count: the hit names the source line and reads the value.
  await expect(page.getByTestId('watch-hit').last()).toContainText(/by put\+0x[0-9a-f]+ \(statics\.c:\d+:\d+\); count = 1, was 0$/);
  await expect(page.getByTestId('current-step-marker')).toHaveText('‖');
  await expect(page.locator('[data-testid="static-row"][data-name="count"]').getByTestId('static-value')).toHaveText('= 1');
  await pressAtPause(page);
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('watch-hit')).toHaveCount(1);
});

test("paused at a watch's stop, the Locals panel reads the writer's parameters and locals in its stack frame", async ({ page }) => {
  await page.goto(appUrl());
  await pickModuleFiles(page, { name: 'frames.wasm', mimeType: 'application/wasm', buffer: readFileSync(join(TESTDATA, 'frames.wasm')) });
  await page.getByTestId('sequence-text').fill(readFileSync(join(TESTDATA, 'frames.wseq'), 'utf8'));
  await expect(page.getByTestId('step-counter')).toContainText('step 0 / 5');
  await expect(page.getByTestId('stop-locals')).toHaveCount(0);
  const locals = page.getByTestId('stop-locals');
  const value = (name: string) => locals.locator(`[data-testid="static-row"][data-name="${name}"]`).getByTestId('static-value');
  // F5 pauses inside scale(), right after the loop's first write to last.x.
  await page.keyboard.press('F5');
  await expect(page.getByTestId('current-step-marker')).toHaveText('‖');
  await expect(locals).toContainText('Locals of scale, paused at the write');
  await expect(locals.getByTestId('static-row')).toHaveText([/^p= 0x400/, /^factor= 2/, /^scaled= \{ x: 6, y: 8 \}/, /^total= 0/, /^i= 0/]);
  // A struct opens into its fields, each at its place in the frame; a click goes to its bytes.
  await locals.locator('[data-testid="static-item"][data-name="scaled"] > .line > [data-testid="static-open"]').click();
  await expect(value('scaled.y')).toHaveText('= 8');
  // No watch line: a line added after the paused call would run when other frames reuse these bytes (break acts now instead).
  await locals.locator('[data-testid="static-item"][data-name="i"] > .line').hover();
  await expect(locals.getByTestId('static-watch')).toHaveCount(0);
  await expect(locals.locator('[data-testid="static-item"][data-name="i"] > .line').getByTestId('static-set')).toHaveAttribute('title', 'Set i now: the paused call goes on with the value you type');
  await locals.locator('[data-testid="static-row"][data-name="i"]').click();
  await expect(page.getByTestId('selection-range')).toContainText(/0x000[0-9a-f]{5}/);
  await locals.scrollIntoViewIfNeeded();
  await screenshot(page, 'stop-locals');
  // F5 goes on to the next write: the next turn of the loop, its own i and total.
  await pressAtPause(page);
  await expect(value('i')).toHaveText('= 1');
  await expect(value('total')).toHaveText('= 10 (0xa)');
  // Past the last stop the call returns: no frame, no Locals.
  await pressAtPause(page);
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
  await expect(locals).toHaveCount(0);
});

test('break on a local at the pause stops at its writes in the paused call, and ends when that call returns', async ({ page }) => {
  await page.goto(appUrl());
  await pickModuleFiles(page, { name: 'frames.wasm', mimeType: 'application/wasm', buffer: readFileSync(join(TESTDATA, 'frames.wasm')) });
  // frames.wseq with a second call of scale, whose frame is where the first's was (it sets i = 0 first).
  await page.getByTestId('sequence-text').fill(readFileSync(join(TESTDATA, 'frames.wseq'), 'utf8').replace('expect r == 24\n', 'r2 = scale(&input, 3)\n'));
  await expect(page.getByTestId('step-counter')).toContainText('step 0 / 5');
  await page.keyboard.press('F5');
  const locals = page.getByTestId('stop-locals');
  await expect(locals).toContainText('Locals of scale, paused at the write');
  const line = locals.locator('[data-testid="static-item"][data-name="i"] > .line');
  const hit = page.getByTestId('watch-hit').last();
  await line.hover();
  await expect(line.getByTestId('static-break')).toHaveAttribute('title', /^Break on write to i: pause right after each later write to it in this call, until it returns/);
  await line.getByTestId('static-break').click();
  await expect(line.getByTestId('static-breaking')).toBeVisible();
  await screenshot(page, 'stop-locals-break');
  // Going on stops at i++ (the break), then last.x's next turn (the sequence's watch), then i++ again.
  await pressAtPause(page);
  await expect(hit).toContainText(/^watch i in scale @ 0x[0-9a-f]+ \[4\]: 00 00 00 00 → 01 00 00 00 by scale\+0xf9 \(frames\.c:15:27\); i = 1, was 0$/);
  await expect(locals.locator('[data-testid="static-row"][data-name="i"]').getByTestId('static-value')).toHaveText('= 1');
  await pressAtPause(page);
  await expect(hit).toContainText(/^watch last_x @ 0x408 \[4\]: 06 00 00 00 → 10 00 00 00/);
  // The step's hits before this stop read as the writer's variables too (each hit keeps its frame).
  await expect(page.getByTestId('watch-hit').filter({ hasText: /^watch i in scale/ })).toHaveText([/; i = 1, was 0$/]);
  await pressAtPause(page);
  await expect(hit).toContainText(/^watch i in scale @ 0x[0-9a-f]+ \[4\]: 01 00 00 00 → 02 00 00 00 by scale\+0xf9 \(frames\.c:15:27\); i = 2, was 1$/);
  // The call returns: the break ends with it. The second call stops at last.x, not at its own i = 0.
  await pressAtPause(page);
  await expect(page.getByTestId('current-step-marker')).toHaveText('‖');
  await expect(hit).toContainText(/^watch last_x @ 0x408 \[4\]: 10 00 00 00 → 09 00 00 00/);
  await expect(locals.getByTestId('static-breaking')).toHaveCount(0);
  await line.hover();
  await expect(line.getByTestId('static-break')).toHaveAttribute('aria-pressed', 'false');
});

/**
 * frames.wseq run to its pause at scale's first write to last.x, with the Statics panel's row of
 * last.y hovered (its verbs shown): scale writes last.y later in the same call (frames.c:19).
 */
async function lastYAtPause(page: Page): Promise<Locator> {
  await page.goto(appUrl());
  await pickModuleFiles(page, { name: 'frames.wasm', mimeType: 'application/wasm', buffer: readFileSync(join(TESTDATA, 'frames.wasm')) });
  await page.getByTestId('sequence-text').fill(readFileSync(join(TESTDATA, 'frames.wseq'), 'utf8'));
  await expect(page.getByTestId('step-counter')).toContainText('step 0 / 5');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('stop-locals')).toContainText('Locals of scale, paused at the write');
  const statics = page.getByTestId('statics');
  await statics.locator('[data-testid="static-item"][data-name="last"] > .line > [data-testid="static-open"]').click();
  const y = statics.locator('[data-testid="static-item"][data-name="last.y"] > .line');
  await y.hover();
  return y;
}

test("break on a static at the pause acts in the rest of the paused call too, not only from the line it adds after it", async ({ page }) => {
  await (await lastYAtPause(page)).getByTestId('static-break').click();
  await expect(page.getByTestId('sequence-text')).toHaveValue(/r = scale\(&input, 2\)\nwatch last_y @ &last\.y stop\nexpect r == 24/);
  await expect(page.getByTestId('step-counter')).toContainText('step 4 / 6');
  const hit = page.getByTestId('watch-hit').last();
  await pressAtPause(page);
  await expect(hit).toContainText(/^watch last_x @ 0x408 \[4\]: 06 00 00 00 → 10 00 00 00/);
  await pressAtPause(page);
  await expect(hit).toContainText('watch last_y @ 0x40c [4]: 00 00 00 00 → 08 00 00 00 by scale+0x10f (frames.c:19:10); last.y = 8, was 0');
  await expect(page.getByTestId('step-counter')).toContainText('step 4 / 6');
  await screenshot(page, 'statics-break-at-pause');
  // The call returns: the live break ends with it, and the line watches from there on.
  await pressAtPause(page);
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('call-log')).toContainText('The check r == 24 holds.');
});

test('a watch on a static added at the pause records its write in the rest of the paused call', async ({ page }) => {
  await (await lastYAtPause(page)).getByTestId('static-watch').click();
  await expect(page.getByTestId('sequence-text')).toHaveValue(/r = scale\(&input, 2\)\nwatch last_y @ &last\.y\nexpect r == 24/);
  // It only records: the run stops at last.x's second write (the sequence's break), then ends.
  await pressAtPause(page);
  await expect(page.getByTestId('watch-hit').last()).toContainText(/^watch last_x @ 0x408 \[4\]: 06 00 00 00 → 10 00 00 00/);
  await pressAtPause(page);
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('watch-hit')).toHaveText([/^watch last_x @ 0x408 \[4\]: 00 00 00 00 → 06/, /^watch last_x @ 0x408 \[4\]: 06 00 00 00 → 10/,
    /^watch last_y @ 0x40c \[4\]: 00 00 00 00 → 08 00 00 00 by scale\+0x10f \(frames\.c:19:10\)/]);
});

test("a caller's Locals under the writer's: scale_twice's frame, placed one frame size out from scale's", async ({ page }) => {
  await page.goto(appUrl());
  await pickModuleFiles(page, { name: 'frames.wasm', mimeType: 'application/wasm', buffer: readFileSync(join(TESTDATA, 'frames.wasm')) });
  await page.getByTestId('sequence-text').fill(readFileSync(join(TESTDATA, 'frames-caller.wseq'), 'utf8'));
  await expect(page.getByTestId('step-counter')).toContainText('step 0 / 5');
  await page.keyboard.press('F5');
  const [inner, outer] = [page.locator('[data-testid="stop-locals"][data-depth="0"]'), page.locator('[data-testid="stop-locals"][data-depth="1"]')];
  await expect(inner).toContainText('Locals of scale, paused at the write');
  await expect(outer).toContainText('Locals of scale_twice, its caller');
  await expect(outer.getByTestId('static-row')).toHaveText([/^p= 0x400/, /^factor= 2/, /^first= 0/, /^second= 0/]);
  // Two stops on, inside the second call: the first call's result is in the caller's frame.
  await pressAtPause(page);
  await expect(inner.locator('[data-testid="static-row"][data-name="i"]')).toContainText('= 1');
  await pressAtPause(page);
  await expect(inner.getByTestId('static-row')).toHaveText([/^p= 0x400/, /^factor= 3/, /^scaled= \{ x: 9, y: 12 \(0xc\) \}/, /^total= 0/, /^i= 0/]);
  await expect(outer.getByTestId('static-row')).toHaveText([/^p= 0x400/, /^factor= 2/, /^first= 24 \(0x18\)/, /^second= 0/]);
  // The caller's frame is at its line: the second call of scale.
  await expect(page.getByTestId('call-log')).toContainText('at scale_twice (func 2 @0x22d, frames.c:28:16)');
  await outer.scrollIntoViewIfNeeded();
  await screenshot(page, 'stop-locals-caller');
  // Set in the Locals panel writes now, and the paused call goes on with it: the second call's
  // total 9 + 10 + 12 becomes 100 + 10 + 12, so r = 24 + 122 and the sequence's expect fails.
  const x = inner.locator('[data-testid="static-item"][data-name="scaled"] > .line');
  await inner.locator('[data-testid="static-item"][data-name="scaled"] > .line > [data-testid="static-open"]').click();
  const xRow = inner.locator('[data-testid="static-item"][data-name="scaled.x"] > .line');
  await xRow.hover();
  await xRow.getByTestId('static-set').click();
  await page.getByTestId('static-set-value').fill('100');
  await page.getByTestId('static-set-value').press('Enter');
  await expect(inner.locator('[data-testid="static-row"][data-name="scaled.x"]').getByTestId('static-value')).toHaveText('= 100 (0x64)');
  await expect(x.getByTestId('static-value')).toHaveText('= { x: 100 (0x64), y: 12 (0xc) }');
  await expect(page.getByTestId('sequence-text')).toHaveValue(readFileSync(join(TESTDATA, 'frames-caller.wseq'), 'utf8'));
  await page.keyboard.press('F5');
  await expect(page.getByTestId('watch-hit').last()).toContainText('→ 6e 00 00 00');
  await pressAtPause(page);
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'failed');
});

test('a C function pointer reads as its table slot and the function there, as gdb shows it', async ({ page }) => {
  // src-main/dap/testdata/values.c: setup() sets `fn = addresses`, which stores table slot 1.
  await page.goto(appUrl());
  const values = join(import.meta.dirname, '..', 'src-main', 'dap', 'testdata', 'values.wasm');
  await pickModuleFiles(page, { name: 'values.wasm', mimeType: 'application/wasm', buffer: readFileSync(values) });
  await page.getByTestId('sequence-text').fill('module "values.wasm"\nr = setup()\n');
  // Past the first rows shown: found by name.
  await page.getByTestId('statics-filter').fill('fn');
  const row = page.locator('[data-testid="static-row"][data-name="fn"]');
  await expect(row).toHaveCount(1);
  await pressStep(page);
  // It read `= 0x1`: a slot, which names nothing in memory.
  await expect(row.getByTestId('static-value')).toHaveText('= 0x1 <addresses>');
  // Set offers the number alone, which it takes back.
  const line = page.locator('[data-testid="static-item"][data-name="fn"] > .line');
  await line.hover();
  await line.getByTestId('static-set').click();
  await expect(page.getByTestId('static-set-value')).toHaveValue('0x1');
});

test('function pointers through a typedef, in a struct and in an array are named in their one-line values', async ({ page }) => {
  // src-main/dap/testdata/fnptr.c: `op_fn op = add`, `struct handler h = { 3, sub, add }`, `op_fn ops[2] = { sub, add }`.
  await page.goto(appUrl());
  const fnptr = join(import.meta.dirname, '..', 'src-main', 'dap', 'testdata', 'fnptr.wasm');
  await pickModuleFiles(page, { name: 'fnptr.wasm', mimeType: 'application/wasm', buffer: readFileSync(fnptr) });
  await page.getByTestId('sequence-text').fill('module "fnptr.wasm"\nr = setup()\n');
  await pressStep(page);
  const value = (name: string) => page.locator(`[data-testid="static-row"][data-name="${name}"]`).getByTestId('static-value');
  // They read `= 0x1` and `{ id: 3, run: 0x2, check: 0x1 }`: the slots alone.
  await expect(value('op')).toHaveText('= 0x1 <add>');
  await expect(value('h')).toHaveText('= { id: 3, run: 0x2 <sub>, check: 0x1 <add> }');
  await expect(value('ops')).toHaveText('= [0x2 <sub>, 0x1 <add>]');
});

test('a Rust enum static reads as the variant its bytes hold, and opens into that variant\'s fields', async ({ page }) => {
  await page.goto(appUrl());
  await pickModuleFiles(page, { name: 'enums.wasm', mimeType: 'application/wasm', buffer: readFileSync(join(TESTDATA, 'enums.wasm')) });
  await page.getByTestId('sequence-text').fill('module "enums.wasm"\nr = touch()\n');
  const value = (path: string) => page.locator(`[data-testid="static-row"][data-name="${path}"]`).getByTestId('static-value');
  const open = (path: string) => page.locator(`[data-testid="static-item"][data-name="${path}"] > .line > [data-testid="static-open"]`);
  await expect(value('enums::SHAPE')).toHaveText('= Rect { w: 3, h: 4 }');
  await expect(value('enums::MAYBE')).toHaveText('= Some(7)');
  await expect(value('enums::NICHE')).toHaveText('= None');
  await open('enums::SLOT').click();
  await expect(value('enums::SLOT.shape')).toHaveText('= Empty');
  await pressStep(page);
  await expect(value('enums::SHAPE')).toHaveText('= Circle(1.5)');
  await expect(value('enums::SLOT.shape')).toHaveText('= Rect { w: 5, h: 6 }');
  await open('enums::SHAPE').click();
  await expect(value('enums::SHAPE.__0')).toHaveText('= 1.5');
  await open('enums::SLOT.shape').click();
  await expect(value('enums::SLOT.shape.w')).toHaveText('= 5');
  await expect(value('enums::MAYBE')).toHaveText('= None');
  await expect(value('enums::NICHE')).toHaveText(/^= Some\(0x[0-9a-f]+\)$/);
  await screenshot(page, 'statics-rust-enums');
  // A byte of the enum is named by the field of the variant it holds now.
  const title = await page.locator('[data-testid="static-row"][data-name="enums::SHAPE"]').getAttribute('title');
  const shape = Number(/ at (0x[0-9a-f]+)/.exec(title ?? '')![1]);
  await gotoAddress(page, '&SHAPE');
  await clickGridByte(page, shape + 4);
  await expect(page.getByTestId('inspector-static')).toHaveText('in the static enums::SHAPE.__0 (f32)');
});

test('source lines from DWARF: the writer of a watched static, and a trap\'s frame', async ({ page }) => {
  await page.goto(appUrl());
  await pickModuleFiles(page, { name: 'statics.wasm', mimeType: 'application/wasm', buffer: readFileSync(join(TESTDATA, 'statics.wasm')) });
  // A watch traces writes: the inspector names the writer of `table`'s bytes with its line.
  // F5 at once after the edit: Run applies it, preparing the module for tracing takes a moment,
  // and the editor's typing pause falls inside; it used to send the text again, which restarted
  // the session under the run (session-store.svelte.ts, flushDraft).
  await page.getByTestId('sequence-text').fill(readFileSync(join(TESTDATA, 'statics-lines.wseq'), 'utf8'));
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
  await gotoAddress(page, '0x43c');
  await clickGridByte(page, 0x43c);
  await expect(page.getByTestId('inspector-writer')).toHaveText(/^written by put\+0x74 \(statics\.c:16:9\) in step 4 \(line 6\)$/);
  await screenshot(page, 'statics-writer-line');
  // A trap: the call log's frame is at the division.
  await page.getByTestId('sequence-text').fill(readFileSync(join(TESTDATA, 'statics-trap.wseq'), 'utf8'));
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'failed');
  await expect(page.getByTestId('call-log')).toContainText('at ratio (func 7 @0x3a2, statics.c:39:74)');
  await screenshot(page, 'statics-trap-line');
});

test("standard containers read as what they hold: a Rust Vec's elements, a String's text, opening into the elements; an Rc's owners; a HashMap's entries", async ({ page }) => {
  await page.goto(appUrl());
  await pickModuleFiles(page, { name: 'containers-rust.wasm', mimeType: 'application/wasm', buffer: readFileSync(join(TESTDATA, 'containers-rust.wasm')) });
  await page.getByTestId('sequence-text').fill('module "containers-rust.wasm"\nn = fill(3)\n');
  const row = (path: string) => page.locator(`[data-testid="static-row"][data-name="${path}"]`);
  const open = (path: string) => page.locator(`[data-testid="static-item"][data-name="${path}"] > .line > [data-testid="static-open"]`);
  await expect(row('containers::NUMS').getByTestId('static-value')).toHaveText('= len 0');
  await expect(row('containers::NUMS').getByTestId('static-text')).toHaveText('[]');
  await expect(row('containers::GREETING').getByTestId('static-text')).toHaveText('"hello"');
  await expect(open('containers::NUMS')).toHaveCount(0);
  await pressStep(page);
  await expect(row('containers::NUMS').getByTestId('static-value')).toHaveText('= len 3');
  await expect(row('containers::NUMS').getByTestId('static-text')).toHaveText('[0, 10 (0xa), 20 (0x14)]');
  await expect(row('containers::TITLE').getByTestId('static-text')).toHaveText('"memscope title"');
  await expect(row('containers::NAMES').getByTestId('static-text')).toHaveText('["ada", "grace"]');
  // A Vec opens into its elements on the heap, each String into nothing more: its text is its value.
  await open('containers::NAMES').click();
  await expect(row('containers::NAMES[1]').getByTestId('static-value')).toHaveText('= len 5');
  await expect(row('containers::NAMES[1]').getByTestId('static-text')).toHaveText('"grace"');
  await expect(open('containers::NAMES[1]')).toHaveCount(0);
  await open('containers::NUMS').click();
  await expect(row('containers::NUMS[2]').getByTestId('static-value')).toHaveText('= 20 (0x14)');
  // An Rc reads as its address with its owners, and opens into the block it shares.
  await open('containers::SHARED').click();
  await expect(row('containers::SHARED.__0').getByTestId('static-value')).toHaveText(/^= 0x[0-9a-f]+$/);
  await expect(row('containers::SHARED.__0').getByTestId('static-text')).toHaveText('(strong 2, weak 1)');
  await open('containers::SHARED.__0').click();
  await expect(row('containers::SHARED.__0[0].value')).toContainText('= 7');
  // Its count is a Cell<usize>, read as the number it wraps.
  await expect(row('containers::SHARED.__0[0].strong').getByTestId('static-value')).toHaveText('= 2');
  await screenshot(page, 'statics-containers');
  // A HashMap, past the first rows: by the filter, its entries after its Some.
  await page.getByTestId('statics-filter').fill('COUNTS');
  await expect(row('containers::COUNTS').getByTestId('static-value')).toHaveText('= Some(len 2)');
  await expect(row('containers::COUNTS').getByTestId('static-text')).toHaveText('{"ada": 1, "grace": 2}');
  // It opens, through its Some, into its entries by key.
  await open('containers::COUNTS').click();
  await open('containers::COUNTS.__0').click();
  await expect(page.locator(`[data-testid="static-row"][data-name='containers::COUNTS.__0["grace"]']`).getByTestId('static-value')).toHaveText('= 2');
  await screenshot(page, 'statics-hashmap');
});

test("libc++'s containers in the Statics panel: a short string inline, a map walked in key order and opened by key, an optional, a variant, a deque across its blocks", async ({ page }) => {
  await page.goto(appUrl());
  await pickModuleFiles(page, { name: 'containers-cpp.wasm', mimeType: 'application/wasm', buffer: readFileSync(join(TESTDATA, 'containers-cpp.wasm')) });
  await page.getByTestId('sequence-text').fill('module "containers-cpp.wasm"\nn = fill(3)\n');
  await pressStep(page);
  const row = (path: string) => page.locator(`[data-testid="static-row"][data-name='${path}']`);
  const open = (path: string) => page.locator(`[data-testid="static-item"][data-name='${path}'] > .line > [data-testid="static-open"]`);
  await expect(row('shortName').getByTestId('static-value')).toHaveText('= size 3');
  await expect(row('shortName').getByTestId('static-text')).toHaveText('"ada"');
  await page.getByTestId('statics-filter').fill('ages');
  await expect(row('ages').getByTestId('static-text')).toHaveText('{"ada": 36 (0x24), "grace": 85 (0x55)}');
  await open('ages').click();
  await expect(row('ages["grace"]').getByTestId('static-value')).toHaveText('= 85 (0x55)');
  await screenshot(page, 'statics-libcxx');
  // A deque of 1,028 ints over two blocks of 1,024, and a forward_list, which keeps no count.
  // An optional and a variant read as the value they hold, a string's with its text.
  await page.getByTestId('statics-filter').fill('label');
  await expect(row('label').getByTestId('static-value')).toHaveText('= size 3');
  await expect(row('label').getByTestId('static-text')).toHaveText('"ada"');
  await page.getByTestId('statics-filter').fill('number');
  await expect(row('number').getByTestId('static-value')).toHaveText('= 2.5');
  await page.getByTestId('statics-filter').fill('readings');
  await expect(row('readings').getByTestId('static-text')).toHaveText('[0.5, 2.5]');
  await page.getByTestId('statics-filter').fill('rounds');
  await expect(row('rounds').getByTestId('static-value')).toHaveText('= size 1028');
  await expect(row('rounds').getByTestId('static-text')).toHaveText('[-1, 3, 4, 5, 6, 7, 8, 9, …]');
  await open('rounds').click();
  await expect(row('rounds[1]').getByTestId('static-value')).toHaveText('= 3');
  await screenshot(page, 'statics-deque');
  // The map's nodes in the Heap panel, named by their entries as the Statics panel names them,
  // open into the entry; a byte in one is named so in the inspector.
  const heap = page.getByTestId('heap-panel');
  const ada = heap.locator(`[data-testid="heap-typed"][data-name='ages["ada"]']`);
  await expect(ada).toHaveText(/the node of ages\["ada"\] \(__value_type<…>\)/);
  await ada.getByTestId('heap-typed-open').click();
  await heap.locator(`[data-testid="static-item"][data-name='ages["ada"].__cc_'] > .line > [data-testid="static-open"]`).click();
  const value = heap.locator(`[data-testid="static-row"][data-name='ages["ada"].__cc_.second']`);
  await expect(value.getByTestId('static-value')).toHaveText('= 36 (0x24)');
  await value.click();
  await expect(page.getByTestId('inspector-static')).toHaveText('in ages["ada"].__cc_.second (int)');
  await screenshot(page, 'heap-nodes');
});

test("clang -O1's statics in the panel: a bool as true, an int shrunk to a flag as its value, set to the other value it can hold", async ({ page }) => {
  await runToEnd(page, 'statics-o1.wasm', 'statics-o1.wseq');
  const value = (path: string) => page.locator(`[data-testid="static-row"][data-name="${path}"]`).getByTestId('static-value');
  await expect(value('ready')).toHaveText('= true');
  await expect(value('mode')).toHaveText('= 5 (stored as 1)');
  // It can hold 0 or 5 alone: another value says why; 0 is a one-byte write of the flag.
  await setFromRow(page, 'mode', '5', ['7', "'7' cannot be stored: the optimiser keeps int as a flag x and its value as 5·x + 0, so it is 0 or 5"], '0', /\nwrite i8 0 @ &mode\n?$/);
  await expect(value('mode')).toHaveText('= 0 (stored as 0)');
  await screenshot(page, 'statics-o1');
});

test('collections inside a struct, a vector and a map: the panel opens down to their entries, the Heap panel, the call log and the inspector name each node by that path', async ({ page }) => {
  await runToEnd(page, 'nested-cpp.wasm', 'nested.wseq');
  const row = (path: string) => page.locator(`[data-testid="static-row"][data-name='${path}']`);
  const open = (path: string) => page.locator(`[data-testid="static-item"][data-name='${path}'] > .line > [data-testid="static-open"]`);
  await page.getByTestId('statics-filter').fill('registry');
  await open('registry').click();
  await open('registry.groups').click();
  await expect(row('registry.groups["odd"]').getByTestId('static-text')).toHaveText('{1, 3}');
  // A set's node inside a map's node, a list's inside a vector's element: named as the panel opens to them.
  const heap = page.getByTestId('heap-panel');
  const three = heap.locator(`[data-testid="heap-typed"][data-name='registry.groups["odd"][1]']`);
  await expect(three).toHaveText(/the node of registry\.groups\["odd"\]\[1\] \(int\)/);
  await expect(heap.locator(`[data-testid="heap-typed"][data-name='registry.teams[1].scores[0]']`)).toHaveText(/the node of registry\.teams\[1\]\.scores\[0\] \(int\)/);
  // The call log, once the sequence is over, says what each block still live is.
  await expect(page.locator(`[data-testid="heap-allocated"][data-address="${0x11270}"]`)).toHaveText('fill allocated 28 B at 0x11270, the node of registry.groups["odd"][1] (int), still live');
  // The set's member opened in the Statics panel: its byte is named by the node it is in.
  await open('registry.groups["odd"]').click();
  const value = row('registry.groups["odd"][1]');
  await expect(value.getByTestId('static-value')).toHaveText('= 3');
  await value.click();
  await expect(page.getByTestId('inspector-static')).toHaveText('in registry.groups["odd"][1] (int)');
  await screenshot(page, 'heap-nested-nodes');
  await three.scrollIntoViewIfNeeded();
  await screenshot(page, 'heap-nested-panel');
});
