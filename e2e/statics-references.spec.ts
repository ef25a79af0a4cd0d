// Set from the Statics panel on a C++ reference (src-main/dap/testdata/refs.cpp): it assigns the
// object the reference names, as gdb's `set var r = 5` does, by that object's address; the
// reference itself, which C++ cannot re-point, keeps its bytes.

import { expect, test } from './test.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appUrl, pickModuleFiles } from './helpers.ts';

const TESTDATA = join(import.meta.dirname, '..', 'src-main', 'dap', 'testdata');

test('set on a reference writes the object it names, its field starting empty; a reference to a struct says to set its parts', async ({ page }) => {
  await page.goto(appUrl());
  await pickModuleFiles(page, { name: 'refs.wasm', mimeType: 'application/wasm', buffer: readFileSync(join(TESTDATA, 'refs.wasm')) });
  await page.getByTestId('sequence-text').fill(readFileSync(join(TESTDATA, 'refs.wseq'), 'utf8'));
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
  const line = (path: string) => page.locator(`[data-testid="static-item"][data-name="${path}"] > .line`);
  const row = (path: string) => page.locator(`[data-testid="static-row"][data-name="${path}"]`);
  await expect(row('named').getByTestId('static-text')).toHaveText('→ 9');
  const input = page.getByTestId('static-set-value');
  await line('named').hover();
  await line('named').getByTestId('static-set').click();
  // It started as `0x40c`, the reference's own value: Enter on it unchanged wrote 1036 into `count`.
  await expect(input).toHaveValue('');
  await input.fill('-4');
  await input.press('Enter');
  // It appended `write u32 … @ &named`, re-pointing the reference (and refused -4 as no address).
  await expect(page.getByTestId('sequence-text')).toHaveValue(/\nwrite i32 -4 @ 0x40c\n?$/);
  await expect(row('count').getByTestId('static-value')).toHaveText('= -4');
  await expect(row('named').getByTestId('static-value')).toHaveText('= 0x40c');
  await expect(row('named').getByTestId('static-text')).toHaveText('→ -4');
  await line('whole').hover();
  await line('whole').getByTestId('static-set').click();
  await input.fill('1');
  await input.press('Enter');
  await expect(page.getByTestId('static-set-error')).toHaveText('PairRef refers to const Pair, which is not a number: set its parts one by one');
});
