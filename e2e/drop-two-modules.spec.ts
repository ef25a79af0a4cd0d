// Files dropped on the window that cannot make one session: two modules (or two sequences, two
// memory images). The page used to open the first module and drop the other without a word;
// now it opens neither and the error bar names the files that clash.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './test.ts';
import { appUrl, dropFiles, openDemo } from './helpers.ts';

const EXAMPLES = join(import.meta.dirname, '..', 'resources', 'examples');

test('two modules dropped together are refused with both names, and the session open stays', async ({ page }) => {
  await page.goto(appUrl());
  await openDemo(page, 'return-string');
  await dropFiles(page, ...['trap', 'infinite-loop'].map((id) => ({ name: `${id}.wasm`, bytes: readFileSync(join(EXAMPLES, id, `${id}.wasm`)) })));
  await expect(page.getByTestId('error-bar')).toContainText('2 modules dropped together ("trap.wasm", "infinite-loop.wasm")');
  await expect(page.getByTestId('error-bar')).toHaveAttribute('data-code', 'usage');
  await expect(page.getByTestId('module-panel')).toContainText('return-string.wasm');
});

test('two modules picked together in Open module… are refused the same way, not the first opened', async ({ page }) => {
  await page.goto(appUrl());
  await openDemo(page, 'return-string');
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Control+o');
  await (await chooser).setFiles(['trap', 'infinite-loop'].map((id) => join(EXAMPLES, id, `${id}.wasm`)));
  await expect(page.getByTestId('error-bar')).toContainText('2 modules picked together ("trap.wasm", "infinite-loop.wasm"): pick one module, with its .js glue if it has one.');
  await expect(page.getByTestId('error-bar')).toHaveAttribute('data-code', 'usage');
  await expect(page.getByTestId('module-panel')).toContainText('return-string.wasm');
});
