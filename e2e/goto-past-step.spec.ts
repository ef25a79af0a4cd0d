// Go to while the call log shows an earlier step: a bound name resolves as it was after that
// step. It resolved with the names now, so `p + 4` jumped to the block `p` got only later, and a
// name no step had bound yet jumped where a later step's value pointed, in silence.

import { expect, test } from './test.ts';
import { appUrl, gotoAddress, openDemo } from './helpers.ts';

test('an earlier step shown: Go to takes a name as bound then, and says when a later step binds it', async ({ page }) => {
  await page.goto(appUrl());
  await openDemo(page, 'return-string');
  // p is bound by step 1 and bound again, to another block, by step 3; q only by step 4.
  await page.getByTestId('sequence-text').fill('module "return-string.wasm"\np = malloc(16)\nx = malloc(8)\np = malloc(32)\nq = malloc(8)\n');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('step-counter')).toContainText('step 4 / 4');
  const at = page.getByTestId('inspector-address');

  // Live, p is the second block; its address is what the grid selects.
  await gotoAddress(page, 'p');
  await expect(page.getByTestId('goto-error')).toHaveCount(0);
  const second = parseInt((await at.textContent())!.replace('at ', ''), 16);

  // Step 2 shown: p is still the first block, so p + 4 lands in it, not in the second.
  await page.locator('[data-testid="call-step"][data-step="1"] [data-testid="step-row"]').click();
  await expect(page.getByTestId('viewing-past-step')).toContainText('Memory after step 2 (read-only)');
  await gotoAddress(page, 'p');
  await expect(at).not.toHaveText(`at 0x${second.toString(16).padStart(8, '0')}`);
  const first = parseInt((await at.textContent())!.replace('at ', ''), 16);
  await gotoAddress(page, 'p + 4');
  await expect(page.getByTestId('goto-error')).toHaveCount(0);
  await expect(at).toHaveText(`at 0x${(first + 4).toString(16).padStart(8, '0')}`);

  // q is bound by step 4 only: said, and the selection stays where it was.
  await gotoAddress(page, 'q');
  await expect(page.getByTestId('goto-error')).toHaveText("column 1: unknown name 'q' (not bound yet after step 2: step 4 binds it)");
  await expect(at).toHaveText(`at 0x${(first + 4).toString(16).padStart(8, '0')}`);

  // Live again, p + 4 is in the second block.
  await page.getByTestId('back-to-live').click();
  await gotoAddress(page, 'p + 4');
  await expect(at).toHaveText(`at 0x${(second + 4).toString(16).padStart(8, '0')}`);
});
