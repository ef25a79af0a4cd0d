// The call log after the heap walk succeeds again (the header written back: the ledger catches
// up, ledger-resync.test.ts): a block the host allocated while the walk failed is listed under
// the step whose walk found it, saying the line that allocated it (formatAllocation's stepLine).

import { expect, test } from './test.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appUrl, pickModuleFiles } from './helpers.ts';

const WASM = 'doublefree-emmalloc.wasm';

test('a block allocated at line 6 while the walk failed, found at line 8, says line 6', async ({ page }) => {
  await page.goto(appUrl());
  await expect(page.getByTestId('start-screen').or(page.getByTestId('home-button'))).toBeVisible();
  await pickModuleFiles(page, { name: WASM, mimeType: 'application/wasm', buffer: readFileSync(join(import.meta.dirname, '..', 'src-main', 'engine', 'memory', 'heap', 'testdata', WASM)) });
  await page.getByTestId('sequence-text').fill(`module "${WASM}"\nkeep = malloc(24)\nguard = malloc(24)\nh = read u32 @ keep - 4\nwrite u32 0xdeadbeef @ keep - 4\nx = malloc(100)\nfree(guard)\nwrite u32 h @ keep - 4\ny = malloc(8)\n`);
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'ready');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
  // Step 6 is line 8 (the write that repairs the header); step 7, line 9, allocates on its own line.
  await expect(page.locator('[data-testid="call-step"][data-step="6"] [data-testid="heap-allocated"]'))
    .toHaveText([/^host malloc allocated 100 B at 0x500888 \(line 6\), leaked$/]);
  await expect(page.locator('[data-testid="call-step"][data-step="7"] [data-testid="heap-allocated"]')).toHaveText([/^host malloc allocated 8 B at 0x[0-9a-f]+, leaked$/]);
});
