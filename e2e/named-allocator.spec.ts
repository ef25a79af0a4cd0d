// A Rust library whose allocator pair has names no convention uses (alloc_buf / free_buf), in
// the web shell: the starter guesses the pair and names it with an `allocator` line, the module
// panel says where the allocator came from, and the starter's steps run green with every block
// the host and the guest allocated given back.

import { expect, test } from './test.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appUrl, pickModuleFiles, screenshot } from './helpers.ts';

const WASM = join(import.meta.dirname, '..', 'src-main', 'engine', 'sequence', 'testdata', 'rust-named-alloc', 'rust-named-alloc.wasm');

test('the starter names a guessed allocator pair, and alloc()/free() call it', async ({ page }) => {
  await page.goto(appUrl());
  await pickModuleFiles(page, { name: 'rust-named-alloc.wasm', mimeType: 'application/wasm', buffer: readFileSync(WASM) });
  const editor = page.getByTestId('sequence-text');
  await expect(editor).toHaveValue(/\nmodule "rust-named-alloc.wasm"\nallocator alloc_buf free_buf\n/);
  await expect(editor).toHaveValue(/\nfree_buf\(s\.ptr, s\.len\)\nfree\(ret\)\nfree\(arg\)\n/);
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('step-error')).toHaveCount(0);
  await expect(page.locator('[data-testid="bound-value"][data-name="text"]')).toContainText('"Hello, hello!"');
  await expect(page.getByTestId('module-allocator')).toContainText('alloc_buf / free_buf · named in the sequence');
  await expect(page.getByTestId('heap-panel')).toContainText('dlmalloc (Rust dlmalloc crate): 0 live, 0 B');
  await screenshot(page, 'named-allocator');
});
