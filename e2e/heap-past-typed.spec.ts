// A heap block a static's pointer types (`what head points at`) while the call log shows an
// earlier step. Stepped with F10, the panel lists that step's own heap, so the block opens into
// its values as after that step: head[0].value = 2 beside memory before scale_all(10), not the
// 20 it holds now. Before, the block could not be opened at any earlier step. Beside the heap now
// (the steps of a run, never walked) it stays closed: a block of the heap now may not have been
// allocated then, its bytes free or another's. The module is a real clang-19 -g build
// (src-main/engine/module/dwarf/testdata/list.c).

import { expect, test } from './test.ts';
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appUrl, pickModuleFiles, pressStep } from './helpers.ts';

const LIST = join(import.meta.dirname, '..', 'src-main', 'engine', 'module', 'dwarf', 'testdata', 'list.wasm');
/** Two nodes pushed onto the static list `head`, then every value multiplied by ten. */
const SEQUENCE = 'module "list.wasm"\na = push(1)\nb = push(2)\nscale_all(10)\n';

async function openList(page: Page): Promise<void> {
  await page.goto(appUrl());
  await pickModuleFiles(page, { name: 'list.wasm', mimeType: 'application/wasm', buffer: readFileSync(LIST) });
  await page.getByTestId('sequence-text').fill(SEQUENCE);
  await expect(page.getByTestId('step-counter')).toContainText('step 0 / 3');
}

test("stepped with F10, an earlier step's typed block opens into its values as after that step, with nothing to set or watch", async ({ page }) => {
  await openList(page);
  for (let i = 0; i < 3; i++) await pressStep(page);
  const heap = page.getByTestId('heap-panel');
  const block = heap.locator('[data-testid="heap-typed"][data-name="head"]');
  const value = heap.locator('[data-testid="static-row"][data-name="head[0].value"]').getByTestId('static-value');
  await block.getByTestId('heap-typed-open').click();
  await heap.locator('[data-testid="static-item"][data-name="head[0]"] > .line > [data-testid="static-open"]').click();
  await expect(value).toHaveText('= 20 (0x14)');
  // Live, a value can be set or watched from the panel.
  await expect(heap.getByTestId('static-set').first()).toBeAttached();
  await expect(heap.getByTestId('static-watch').first()).toBeAttached();

  // Step 2, before scale_all: the node as it was then.
  await page.locator('[data-testid="call-step"][data-step="1"] [data-testid="step-row"]').click();
  await expect(page.getByTestId('viewing-past-step')).toContainText('Memory after step 2 (read-only)');
  await expect(page.getByTestId('heap-past-step')).toHaveCount(0);
  await expect(block.getByTestId('heap-typed-open')).toHaveAttribute('aria-expanded', 'true');
  // The block is drawn anew for that step's heap: its element opens again.
  await heap.locator('[data-testid="static-item"][data-name="head[0]"] > .line > [data-testid="static-open"][aria-expanded="false"]').click();
  await expect(value).toHaveText('= 2');
  // Read-only: no write step or watch line from memory as it was (the block may be another's by now).
  await expect(heap.getByTestId('static-item').first()).toBeAttached();
  await expect(heap.getByTestId('static-set')).toHaveCount(0);
  await expect(heap.getByTestId('static-watch')).toHaveCount(0);
  await expect(heap.getByTestId('static-break')).toHaveCount(0);

  await page.getByTestId('back-to-live').click();
  await expect(value).toHaveText('= 20 (0x14)');
});

test('an earlier step of a run shown beside the heap now: its typed block says what points at it and does not open', async ({ page }) => {
  await openList(page);
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
  const block = page.getByTestId('heap-panel').locator('[data-testid="heap-typed"][data-name="head"]');
  await expect(block.getByTestId('heap-typed-open')).toHaveCount(1);

  await page.locator('[data-testid="call-step"][data-step="1"] [data-testid="step-row"]').click();
  await expect(page.getByTestId('heap-past-step')).toHaveText('The heap now, after step 3; the memory shown is as after step 2.');
  await expect(block).toHaveText(/what head points at/);
  await expect(block.getByTestId('heap-typed-open')).toHaveCount(0);
});
