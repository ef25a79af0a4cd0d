// A guest call that calls an import 5,000 times (e2e/testdata/out-many-writes.wat: `rows(n)` is
// n fd_writes): the engine keeps its first 1,000 import records and counts the rest, and the call
// log drew all 1,000 kept rows at once, for every step drawn (400 such steps: 400,000 buttons,
// and a run of them never finished drawing). Its first STEP_ROWS are drawn, as a step's writes
// and heap lines are, under a button that says how many more there are; the count not kept is
// still said, and a reload shows the same.

import { expect, test } from './test.ts';
import { pressStep } from './helpers.ts';
import { openTestModule } from './out-edges.ts';

test('a call with 5,000 import calls draws its first 20, says how many more and how many were not kept, the same after a reload', async ({ page }) => {
  await openTestModule(page, 'out-many-writes.wasm', ['rows(5000)', 'rows(3)']);
  await pressStep(page);
  const step = page.locator('[data-testid="call-step"][data-step="0"]');
  const rows = step.getByTestId('import-row');
  const more = step.getByTestId('imports-more');
  const check = async () => {
    await expect(rows).toHaveCount(20);
    await expect(rows.first()).toContainText('fd_write(fd=1, "row 00000\\n")');
    await expect(more).toHaveText('Show 400 more import calls (980 not shown)');
    await expect(step.getByText('… 4000 more import calls not kept')).toBeVisible();
    await expect(step.getByTestId('step-explain')).toContainText('5000 imports');
  };
  await check();

  // A press draws the next 400, from the keyboard too; the last ones come with the next presses.
  await more.focus();
  await page.keyboard.press('Enter');
  await expect(rows).toHaveCount(420);
  await expect(rows.nth(419)).toContainText('"row 00419\\n"');
  await expect(more).toHaveText('Show 400 more import calls (580 not shown)');
  await more.click();
  await more.click();
  await expect(rows).toHaveCount(1000);
  await expect(rows.last()).toContainText('"row 00999\\n"');
  await expect(more).toHaveCount(0);

  // The next step's call starts at 20 again; its three rows are all drawn.
  await pressStep(page);
  await expect(page.locator('[data-testid="call-step"][data-step="1"]').getByTestId('import-row')).toHaveCount(3);
  await expect(page.locator('[data-testid="call-step"][data-step="1"]').getByTestId('imports-more')).toHaveCount(0);

  await page.reload();
  await expect(page.getByTestId('step-counter')).toContainText('step 2 / 2');
  await step.getByTestId('step-row').click();
  await check();
});
