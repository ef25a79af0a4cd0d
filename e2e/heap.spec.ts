// The heap made visible in the web shell: the memory map bar, the heap panel with owners and a
// leak in red, tinted headers and free chunks in the grid, and a double free reported in the
// step's banner and the call log. Screenshots go to e2e/screenshots/heap-*.png.

import { expect, test } from './test.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appUrl, gridByteText, openDemo, pickModuleFiles, pressStep, screenshot, stepCount } from './helpers.ts';

const RUST_MAP = join(import.meta.dirname, '..', 'src-main', 'engine', 'memory', 'heap', 'testdata', 'rust-map.wasm');

test.describe('heap', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto(appUrl());
    await expect(page.getByTestId('start-screen').or(page.getByTestId('home-button'))).toBeVisible();
  });

  test('who frees what: the map, the guest block under its call, the leak in red', async ({ page }) => {
    await openDemo(page, 'heap-who-frees');
    const { total } = await stepCount(page);
    for (let i = 0; i < 4; i++) await pressStep(page);
    // The map bar: static data, stack, heap and its never-used top.
    const kinds = await page.getByTestId('map-band').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.kind));
    expect(kinds).toEqual(expect.arrayContaining(['data', 'stack', 'heap', 'heap-unused']));
    // make_greeting's block, allocated by the guest inside the call, listed under it.
    const allocated = page.locator('[data-testid="call-step"][data-step="3"] [data-testid="heap-allocated"]');
    await expect(allocated).toContainText('make_greeting allocated 28 B at 0x10620, still live');
    await expect(page.getByTestId('heap-block')).toHaveCount(2);
    await expect(page.locator('[data-testid="heap-block"][data-address="67104"]')).toContainText('guest');
    // Clicking the block selects its bytes; its 4-byte header in front is tinted.
    await page.locator('[data-testid="heap-block"][data-address="67104"]').click();
    await expect(page.locator('[data-testid="memory-grid"] .b.sel')).toHaveAttribute('data-addr', '67104');
    await expect(page.locator('[data-testid="memory-grid"] .b.hh[data-addr="67100"]')).toHaveCount(1);
    await screenshot(page, 'heap-who-frees-step4');
    await pressStep(page);
    await pressStep(page);
    await pressStep(page); // free(name): struck through in the panel as freed by the host
    await expect(page.locator('[data-testid="heap-block"][data-state="freed"]')).toContainText('freed by the host');
    // Its bytes, selected, keep the selection's background under the freed region's fade (the text is white).
    await page.locator('[data-testid="heap-block"][data-state="freed"]').click();
    const selectedFreed = page.locator('[data-testid="memory-grid"] .b.sel.reg.freed').first();
    await expect(selectedFreed).toBeVisible();
    expect(await selectedFreed.evaluate((e) => getComputedStyle(e).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
    while ((await stepCount(page)).at < total) await pressStep(page).catch(() => undefined);
    await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', /done|failed|paused/);
    await expect(page.locator('[data-testid="heap-block"][data-state="leaked"]')).toHaveCount(1);
    // The leak scan at the end: the greeting's pointer is gone from guest memory, so it is lost.
    await expect(page.getByTestId('leak-reference')).toHaveText('nothing in guest memory points to it');
    await expect(page.getByTestId('leak-reference')).toBeDisabled();
    await expect(page.getByTestId('heap-status')).toContainText('1 leaked');
    await expect(page.getByTestId('step-error').last()).toContainText('expected no leaks since mark "greeting"');
    await screenshot(page, 'heap-who-frees-leak');
  });

  test('a run that ends on checks shows what its last writing step changed, not 0x0', async ({ page }) => {
    await openDemo(page, 'heap-who-frees');
    await page.keyboard.press('F5');
    await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'failed');
    // The last step is `expect no leaks`; the one before, free(name), wrote dlmalloc's links into
    // the block it freed, inside the `name` region as it was at that step: the grid goes there,
    // as one F10 onto the free does, however many steps the page saw arrive at once.
    await expect.poll(() => gridByteText(page, 0x10610)).toMatch(/^[0-9a-f]{2}$/);
    expect(await gridByteText(page, 0)).toBe('');
  });

  test('a garbage-collected heap: the guest\'s objects and an unpinned block still in use are no leaks', async ({ page }) => {
    await openDemo(page, 'assemblyscript-strings');
    await page.keyboard.press('F5');
    await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
    // The walk still sees __new's block (unpinned) and greet's two strings: the collector's to free.
    await expect(page.getByTestId('heap-block')).toHaveCount(3);
    await expect(page.getByTestId('heap-status')).toHaveText(/TLSF \(AssemblyScript\): 3 live, 66 B\s*$/);
    await expect(page.locator('[data-testid="heap-block"][data-state="leaked"]')).toHaveCount(0);
    const greet = page.locator('[data-testid="heap-allocated"][data-address="35360"]');
    await expect(greet).toContainText('greet allocated 26 B at 0x8a20, still live');
    await expect(greet).not.toHaveClass(/leak/);
  });

  test('double free: reported in the step banner and the call log, then emmalloc hands out a live block: double-alloc', async ({ page }) => {
    await openDemo(page, 'heap-double-free');
    for (let i = 0; i < 4; i++) await pressStep(page);
    await expect(page.getByTestId('heap-banner')).toContainText('⚠ double free of 0x500848');
    await expect(page.locator('[data-testid="heap-problem"][data-kind="double-free"]')).toHaveCount(1);
    await screenshot(page, 'heap-double-free');
    // b = malloc(16) takes the twice-freed block; c = malloc(16) is handed it while b holds it.
    await pressStep(page);
    await expect(page.getByTestId('heap-banner')).toHaveCount(0);
    await pressStep(page);
    await expect(page.getByTestId('heap-banner')).toContainText('double-alloc: malloc returned 0x500848, the start of a 16-byte block that is still live (allocated at line 24');
    await expect(page.getByTestId('heap-banner')).toContainText('the double free at line 20 put it on the free list twice');
    await expect(page.locator('[data-testid="heap-problem"][data-kind="double-alloc"]')).toHaveCount(1);
    await screenshot(page, 'heap-double-alloc');
    // The heap panel lists both problems; one goes back to memory after its step, at its address.
    const links = page.getByTestId('heap-problem-link');
    await expect(page.getByTestId('heap-problems')).toContainText('⚠ 2 problems so far');
    await expect(links).toHaveText(['line 20double-free0x00500848', 'line 25double-alloc0x00500848']);
    await links.first().click();
    await expect(page.getByTestId('viewing-past-step')).toContainText('Memory after step 4 (read-only)');
    await expect(page.getByTestId('heap-banner')).toContainText('⚠ double free of 0x500848');
    // Memory as after step 4 lists only its own problem (heap-past-problems.spec.ts); live, both again.
    await expect(links).toHaveCount(1);
    await page.getByTestId('back-to-live').click();
    await links.last().click();
    await expect(page.getByTestId('viewing-past-step')).toHaveCount(0);
    await expect(page.getByTestId('heap-banner')).toContainText('double-alloc');
  });

  test("a block still pointed to is still reachable, its pointer a click away; main's argv is the runtime's, not a leak", async ({ page }) => {
    await openDemo(page, 'wasi-cat');
    // Its heap is dlmalloc's, but it exports no allocator the host could call: said as inspect says it.
    await expect(page.getByTestId('module-allocator')).toContainText(/^none exported/);
    await expect(page.getByTestId('module-allocator-hint')).toContainText('build a library (-mexec-model=reactor) and link with -Wl,--export=malloc,--export=free');
    await page.keyboard.press('F5');
    await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', /done|failed/);
    const references = page.getByTestId('leak-reference');
    // wasi-libc's start-up blocks: the preopen table is pointed to from .bss, the rest from it.
    const kept = references.filter({ hasText: /^still pointed to from 0x[0-9a-f]+, in \.bss or the free stack$/ });
    await expect(kept).toHaveCount(1);
    const from = Number((await kept.textContent())!.match(/0x[0-9a-f]+/)![0]);
    await kept.click();
    await expect(page.locator('[data-testid="memory-grid"] .b.sel').first()).toHaveAttribute('data-addr', String(from));
    // Kept (static data points to them, maybe on purpose) apart from the runtime's own: wasi-libc's
    // start-up allocates main's argv and never frees it, which read as two leaks the program never made.
    await expect(page.locator('[data-testid="heap-block"][data-state="kept"]')).toHaveCount(4);
    await expect(page.locator('[data-testid="heap-block"][data-state="leaked"]')).toHaveCount(0);
    const runtime = page.locator('[data-testid="heap-block"][data-state="runtime"]');
    await expect(runtime).toHaveCount(2);
    await expect(runtime.first()).toContainText("main's argv: wasi-libc's start-up");
    await expect(references).toHaveCount(4);
    await expect(page.getByTestId('heap-status')).toContainText("4 still reachable, 2 the runtime's");
    await screenshot(page, 'heap-leak-pointed-to');
  });

  test('a Rust HashMap in a static is still reachable through the pointer into its table; a lost boxed one leaks', async ({ page }) => {
    await pickModuleFiles(page, { name: 'rust-map.wasm', mimeType: 'application/wasm', buffer: readFileSync(RUST_MAP) });
    await page.getByTestId('sequence-text').fill('module "rust-map.wasm"\nallocator alloc_buf free_buf\nw = alloc(5)\nwrite utf8 "hello" @ w\n'
      + 'a = count_word(w, 5)\nmark "lost"\nlose_map(w, 5)\nfree(w)\n');
    await page.keyboard.press('F5');
    await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
    const references = page.getByTestId('leak-reference');
    await expect(references.filter({ hasText: /^still pointed into \(at \+64\) from 0x[0-9a-f]+, in \.bss$/ })).toHaveCount(1);
    await expect(references.filter({ hasText: /^pointed into only \(at \+64\) from 0x[0-9a-f]+, in the leaked 36 B block at 0x[0-9a-f]+$/ })).toHaveCount(1);
    await expect(page.getByTestId('heap-status')).toContainText('3 leaked, 2 still reachable');
    await screenshot(page, 'heap-rust-map');
  });

  test('a refused free: said once in the call log, explained rather than repeated', async ({ page }) => {
    await openDemo(page, 'heap-double-free');
    const text = await page.getByTestId('sequence-text').inputValue();
    // Without the `!` Memscope refuses the second free and the sequence stops there.
    await page.getByTestId('sequence-text').fill(text.replace(/^free!\(a\)$/m, 'free(a)'));
    await page.keyboard.press('F5');
    await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'failed');
    const step = page.locator('[data-testid="call-step"][data-step="3"]');
    await expect(step.getByTestId('step-error')).toHaveText(/^heap-problem: double free of 0x500848: .*\(free was not called; free!\(a\) forces it\)$/);
    await expect(step.getByTestId('heap-problem')).toHaveCount(0);
    await expect(step.getByTestId('step-explain')).toContainText('Memscope did not make the call');
    await expect(step.getByTestId('step-explain')).not.toContainText('0x500848');
    await expect(page.getByTestId('heap-banner')).toContainText('⚠ double free of 0x500848');
    await screenshot(page, 'heap-refused-free');
  });

  test('the stack and the heap: the stack pointer at each nested call, the map bar', async ({ page }) => {
    await openDemo(page, 'heap-stack');
    for (let i = 0; i < 4; i++) await pressStep(page);
    const sps = page.locator('[data-testid="call-step"][data-step="3"] [data-testid="import-sp"]');
    await expect(sps).toHaveCount(5);
    await expect(sps.first()).toHaveText('sp 0x105c0');
    await expect(sps.last()).toHaveText('sp 0x104c0');
    await expect(page.getByTestId('map-legend')).toContainText('stack pointer 0x00010600');
    await screenshot(page, 'heap-stack');
  });
});
