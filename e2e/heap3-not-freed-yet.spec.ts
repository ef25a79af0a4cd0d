// The heap panel after a run a step stopped part way (a failed expect): the steps after it, which
// may free what the earlier ones allocated, never ran, so the blocks are "not freed yet", in the
// words `memscope run` and `memscope heap` print there (src-main/cli/run-partway-leaks.test.ts),
// and none is marked leaked. The panel listed them bare, with no word of why no leak was judged.
// A last step failing ends the sequence, and so does the guest exiting (proc_exit, any code: no
// step after it can run): then they are leaks, as the CLI says. After exit(3) the panel listed
// the block bare, while `memscope heap` called it a leak. Paused at a watch's stop inside the last
// step's call is not the end either: the call has not returned, and frees its block a line on.

import { expect, test, type Page } from './test.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appUrl, pickModuleFiles } from './helpers.ts';

const WASM = 'double-free.wasm';
const MODULE = join(import.meta.dirname, '..', 'resources', 'examples', 'heap-double-free', WASM);
const EXIT_WASM = 'exit-leak.wasm';
const EXIT_MODULE = join(import.meta.dirname, '..', 'src-main', 'cli', 'testdata', EXIT_WASM);
const PAUSE_WASM = 'pause-leak.wasm';
const PAUSE_MODULE = join(import.meta.dirname, '..', 'src-main', 'cli', 'testdata', PAUSE_WASM);

async function runUntil(state: string, page: Page, sequence: string, wasm = WASM, module = MODULE): Promise<void> {
  await pickModuleFiles(page, { name: wasm, mimeType: 'application/wasm', buffer: readFileSync(module) });
  await page.getByTestId('sequence-text').fill(sequence);
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'ready');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', state);
}

test.describe("the heap panel before and at the sequence's end", () => {
  test.beforeEach(async ({ page }) => {
    await page.goto(appUrl());
    await expect(page.getByTestId('start-screen').or(page.getByTestId('home-button'))).toBeVisible();
  });

  test('part way: the blocks are not freed yet, not leaked', async ({ page }) => {
    await runUntil('failed', page, `module "${WASM}"\na = malloc(16)\nb = malloc(24)\nexpect a == 0\nfree(a)\nfree(b)\n`);
    await expect(page.getByTestId('heap-block')).toHaveCount(2);
    await expect(page.getByTestId('heap-not-freed-yet')).toHaveText('2 blocks (40 B) allocated by the steps so far and not freed yet');
    await expect(page.getByTestId('heap-status')).not.toContainText('leaked');
    await expect(page.locator('[data-testid="heap-block"][data-state="live"]')).toHaveCount(2);
  });

  test('the last step failing ends the sequence: the blocks are leaked', async ({ page }) => {
    await runUntil('failed', page, `module "${WASM}"\na = malloc(16)\nb = malloc(24)\nexpect a == 0\n`);
    await expect(page.locator('[data-testid="heap-block"][data-state="leaked"]')).toHaveCount(2);
    await expect(page.getByTestId('heap-status')).toContainText('2 leaked');
    await expect(page.getByTestId('heap-not-freed-yet')).toHaveCount(0);
  });

  test('the guest exited with a failing code: the block is leaked, no step can free it', async ({ page }) => {
    await runUntil('failed', page, `module "${EXIT_WASM}"\na = keep(16)\nquit(3)\nrelease(a)\n`, EXIT_WASM, EXIT_MODULE);
    await expect(page.locator('[data-testid="heap-block"][data-state="leaked"]')).toHaveCount(1);
    await expect(page.getByTestId('heap-status')).toContainText('1 leaked');
    await expect(page.getByTestId('heap-not-freed-yet')).toHaveCount(0);
  });

  test('paused at a watch inside the last step: the block its call still holds is not freed yet, not leaked', async ({ page }) => {
    // work() mallocs, writes `last`, then frees: at that write the block is live, held by a local.
    await runUntil('paused', page, `module "${PAUSE_WASM}"\nwatch last @ &last stop\nr = work(4)\n`, PAUSE_WASM, PAUSE_MODULE);
    await expect(page.getByTestId('heap-not-freed-yet')).toHaveText('1 block (28 B) allocated by the steps so far and not freed yet');
    await expect(page.getByTestId('heap-status')).not.toContainText('leaked');
    await expect(page.locator('[data-testid="heap-block"][data-state="leaked"]')).toHaveCount(0);
  });
});
