// The heap panel after a heap walk that failed (HeapSummary.leaksUnknown): the leaks cannot be
// known, said in the CLI's words, and no block is marked leaked or still reachable from a list
// the ledger stopped keeping. The module is the heap walkers' testdata (doublefree.c, emmalloc).

import { expect, test, type Page } from './test.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appUrl, pickModuleFiles, screenshot } from './helpers.ts';

const TESTDATA = join(import.meta.dirname, '..', 'src-main', 'engine', 'memory', 'heap', 'testdata');
const WASM = 'doublefree-emmalloc.wasm';
/** The CLI's sequence (src-main/cli/testdata/corrupt-heap.wseq), its module line made the picked file's. */
const CORRUPT = readFileSync(join(import.meta.dirname, '..', 'src-main', 'cli', 'testdata', 'corrupt-heap.wseq'), 'utf8')
  .replace(/^module .*$/m, `module "${WASM}"`);

async function runToEnd(page: Page, sequence: string): Promise<void> {
  await pickModuleFiles(page, { name: WASM, mimeType: 'application/wasm', buffer: readFileSync(join(TESTDATA, WASM)) });
  await page.getByTestId('sequence-text').fill(sequence);
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'ready');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
}

const unknown = (walk: RegExp) => new RegExp(`^cannot check for leaks: the heap walk failed \\(walk corrupt: ${walk.source}\\), so blocks allocated since are not known$`);

test.describe('the heap panel after a failed walk', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto(appUrl());
    await expect(page.getByTestId('start-screen').or(page.getByTestId('home-button'))).toBeVisible();
  });

  test('a block allocated after the header was overwritten and leaked: the leaks cannot be known, nothing reads as kept', async ({ page }) => {
    await runToEnd(page, CORRUPT);
    const status = page.getByTestId('heap-status');
    await expect(status).toContainText('walk corrupt: region at 0x500864 has size 3735928559');
    await expect(page.getByTestId('heap-leaks-unknown')).toHaveText(unknown(/region at 0x500864 has size 3735928559, which does not fit before the block end 0x[0-9a-f]+/));
    // Before: "1 still reachable", keep shaded as kept, and no word of x's leak: read as no leaks.
    await expect(status).not.toContainText('still reachable');
    await expect(status).not.toContainText('leaked');
    // What is known stays: keep, with its line.
    const keep = page.locator('[data-testid="heap-block"][data-address="5245032"]');
    await expect(keep).toHaveAttribute('data-state', 'live');
    await expect(keep.locator('.by')).toHaveText('host malloc · line 6');
    await expect(page.getByTestId('heap-block-state')).toHaveCount(0);
    await expect(page.getByTestId('leak-reference')).toHaveCount(0);
    await screenshot(page, 'heap3-leaks-unknown');
  });

  test('a block freed while the walk failed is not called leaked', async ({ page }) => {
    // a is freed after c's header is overwritten: the ledger never sees it go.
    await runToEnd(page, `module "${WASM}"\na = malloc(24)\nkeep = malloc(24)\nc = malloc(24)\nwrite u32 0xdeadbeef @ c - 4\nfree(a)\n`);
    await expect(page.getByTestId('heap-leaks-unknown')).toHaveText(unknown(/region at 0x500884 has size 3735928559, .*/));
    await expect(page.getByTestId('heap-status')).not.toContainText('leaked');
    await expect(page.locator('[data-testid="heap-block"][data-address="5245000"]')).toHaveAttribute('data-state', 'live');
    await expect(page.locator('[data-testid="heap-block"][data-state="leaked"]')).toHaveCount(0);
  });
});
