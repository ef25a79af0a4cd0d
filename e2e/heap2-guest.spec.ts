// The heap panel and the call log on heap problems real toolchains' modules make: a double free
// inside the guest (emmalloc, the Rust dlmalloc crate), a heap whose walk fails, and a guest loop
// that leaves 10,000 blocks. The modules are the heap walkers' testdata (sources and build lines
// in src-main/engine/memory/heap/testdata: doublefree.c/.rs, heap.c, build.sh).

import { expect, test, type Page } from './test.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appUrl, openDemo, pickModuleFiles, pressStep, screenshot } from './helpers.ts';

const TESTDATA = join(import.meta.dirname, '..', 'src-main', 'engine', 'memory', 'heap', 'testdata');

async function open(page: Page, wasm: string, sequence: string): Promise<void> {
  await pickModuleFiles(page, { name: wasm, mimeType: 'application/wasm', buffer: readFileSync(join(TESTDATA, wasm)) });
  await page.getByTestId('sequence-text').fill(`module "${wasm}"\n${sequence}`);
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'ready');
}

const selected = (page: Page) => page.locator('[data-testid="memory-grid"] .b.sel').first();

test.describe('heap problems from real toolchains', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto(appUrl());
    await expect(page.getByTestId('start-screen').or(page.getByTestId('home-button'))).toBeVisible();
  });

  test('emmalloc: a double free inside the guest names its step and export, goes to its block, and leaves with a step back', async ({ page }) => {
    await open(page, 'doublefree-emmalloc.wasm', 'allocator malloc free\na = malloc(24)\ng1 = malloc(24)\nx = malloc(24)\ng2 = malloc(24)\nfree_apart(a, x)\nb = malloc(24)\nc = malloc(24)\nd = malloc(24)\n');
    for (let i = 0; i < 5; i++) await pressStep(page);
    const message = 'double free of 0x500848: the guest in free_apart freed the 24-byte block there twice';
    await expect(page.getByTestId('heap-banner')).toContainText(message);
    const step = page.locator('[data-testid="call-step"][data-step="4"]');
    await expect(step.getByTestId('heap-problem')).toHaveText(new RegExp(`^⚠ ${message}`));
    await expect(page.getByTestId('heap-problem-link')).toHaveText(['line 7double-free0x00500848']);
    await expect(page.getByTestId('heap-problem-link')).toHaveAttribute('title', /free_apart/);
    await page.getByTestId('heap-problem-link').click();
    await expect(selected(page)).toHaveAttribute('data-addr', String(0x500848));
    await screenshot(page, 'heap2-guest-double-free');
    // Back past it: no problem left anywhere; forward: it is back, once.
    await page.getByTestId('step-back-button').click();
    await expect(page.getByTestId('step-counter')).toContainText('step 4 /');
    await expect(page.getByTestId('heap-problems')).toHaveCount(0);
    await expect(page.getByTestId('heap-banner')).toHaveCount(0);
    await expect(page.getByTestId('heap-problem')).toHaveCount(0);
    await pressStep(page);
    await expect(page.getByTestId('heap-problem-link')).toHaveCount(1);
    await expect(page.getByTestId('heap-problem')).toHaveCount(1);
    // To the end: d gets a's address again (double-alloc, naming the double free); every block
    // left is a leak, said in words as well as in red, with its size, owner and line.
    await page.keyboard.press('F5');
    await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
    await expect(page.getByTestId('heap-problem-link')).toHaveText(['line 7double-free0x00500848', 'line 10double-alloc0x00500848']);
    await expect(page.getByTestId('heap-problem')).toHaveCount(2);
    await expect(page.getByTestId('heap-status')).toContainText('4 live, 96 B, 4 leaked');
    const g1 = page.locator('[data-testid="heap-block"][data-address="5245032"]');
    await expect(g1.locator('.by')).toHaveText('leaked host malloc · line 4');
    await expect(g1).toContainText('24 B');
    await expect(g1.getByTestId('heap-block-state')).toHaveText('leaked');
    await g1.click();
    await expect(selected(page)).toHaveAttribute('data-addr', '5245032');
  });

  test('the Rust dlmalloc crate: a double free in unsafe code, said once after a step back and forward', async ({ page }) => {
    await open(page, 'doublefree-rust.wasm', 'allocator allocate deallocate\na = allocate(24)\nguard = allocate(24)\nfree_twice(a, 24)\nb = allocate(24)\nc = allocate(24)\n');
    for (let i = 0; i < 3; i++) await pressStep(page);
    await expect(page.getByTestId('heap-banner')).toContainText('double free of 0x110008: the guest in free_twice freed the 28-byte block there twice');
    await page.getByTestId('step-back-button').click();
    await expect(page.getByTestId('step-counter')).toContainText('step 2 /');
    await expect(page.getByTestId('heap-problems')).toHaveCount(0);
    await page.keyboard.press('F5');
    await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
    await expect(page.getByTestId('heap-problem-link')).toHaveText(['line 5double-free0x00110008', 'line 7double-alloc0x00110008']);
    await expect(page.locator('[data-testid="call-step"][data-step="2"] [data-testid="heap-problem"]')).toHaveCount(1);
  });

  test('still reachable apart from the runtime\'s, in words: wasi-libc\'s start-up blocks a static points to, and main\'s argv', async ({ page }) => {
    await openDemo(page, 'wasi-cat');
    await page.keyboard.press('F5');
    await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', /done|failed/);
    await expect(page.locator('[data-testid="heap-block"][data-state="kept"] [data-testid="heap-block-state"]')).toHaveText(Array(4).fill('still reachable'));
    await expect(page.locator('[data-testid="heap-block"][data-state="runtime"] [data-testid="heap-block-state"]')).toHaveText(["the runtime's", "the runtime's"]);
    await expect(page.locator('[data-testid="heap-block"][data-state="leaked"]')).toHaveCount(0);
    await expect(page.locator('[data-testid="heap-block"][data-state="live"] [data-testid="heap-block-state"]')).toHaveCount(0);
  });

  test('a heap no walker reads is said so, with the reason, and no block or leak is claimed', async ({ page }) => {
    // AssemblyScript's stub runtime: a bump allocator that keeps no block headers to walk.
    await open(page, 'heap-as-stub-nonames.wasm', 'keep(2, 10)\n');
    await page.keyboard.press('F5');
    await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
    await expect(page.getByTestId('heap-status')).toHaveText(/^Not walked: .*stub runtime .* is not walked/);
    await expect(page.getByTestId('heap-block')).toHaveCount(0);
  });

  test('a walk that fails after a step is said under that step in the call log, as the CLI says it', async ({ page }) => {
    // The host writes over a's header: emmalloc's regions no longer add up.
    await open(page, 'doublefree-emmalloc.wasm', 'allocator malloc free\na = malloc(24)\ng1 = malloc(24)\nwrite u32 0xdeadbeef @ a - 4\n');
    for (let i = 0; i < 3; i++) await pressStep(page);
    await expect(page.getByTestId('heap-status')).toContainText('walk corrupt: region at 0x500844 has size 3735928559');
    await expect(page.locator('[data-testid="call-step"][data-step="2"] [data-testid="heap-walk"]'))
      .toHaveText(/^heap: walk corrupt: region at 0x500844 has size 3735928559, which does not fit before the block end 0x[0-9a-f]+$/);
    await expect(page.locator('[data-testid="call-step"][data-step="1"] [data-testid="heap-walk"]')).toHaveCount(0);
    await screenshot(page, 'heap2-walk-corrupt');
  });

  test('a guest loop leaves 10,000 blocks: both lists draw a window, and arrow keys go through the heap panel', async ({ page }) => {
    await open(page, 'heap-wasi.wasm', 'allocator malloc free\nout = malloc(40000)\nkeep_same(out, 10000, 16)\n');
    await page.keyboard.press('F5');
    await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
    await expect(page.getByTestId('heap-status')).toContainText('10001 live, 320012 B, 10001 leaked');
    // The call log drew all 10,000 of keep_same's allocations under its step at once.
    const step = page.locator('[data-testid="call-step"][data-step="1"]');
    await expect(step.getByTestId('heap-allocated')).toHaveCount(20);
    await expect(step.getByTestId('heap-allocated-more')).toContainText('9980 not shown');
    await step.getByTestId('heap-allocated-more').click();
    await expect(step.getByTestId('heap-allocated')).toHaveCount(420);
    await expect(page.getByTestId('heap-block')).toHaveCount(400);
    await expect(page.getByTestId('heap-more')).toContainText('9601 not shown');
    // Down from the first block skips its leak line (nothing points to out: disabled) to the
    // next block, then that block's leak line (pointed to from out); End goes to the last row.
    const blocks = page.getByTestId('heap-block');
    await blocks.first().focus();
    await page.keyboard.press('ArrowDown');
    await expect(blocks.nth(1)).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByTestId('leak-reference').nth(1)).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await expect(selected(page)).toHaveAttribute('data-addr', (await blocks.nth(1).getAttribute('data-address'))!);
    await page.keyboard.press('End');
    await expect(page.getByTestId('leak-reference').last()).toBeFocused();
    await page.keyboard.press('Home');
    await expect(blocks.first()).toBeFocused();
    await screenshot(page, 'heap2-ten-thousand');
  });
});
