// A reload after a step that printed by many small writes (e2e/testdata/out-many-writes.wat):
// the session's view brings each write as a chunk, which the page holds until the Output panel
// is there. It held the first 10,000 chunks and dropped the rest unsaid, so after a reload the
// panel ended at "row 09999", the newest output gone.

import { expect, test } from './test.ts';
import { pressStep, terminalRows } from './helpers.ts';
import { openTestModule } from './out-edges.ts';

test('after a reload the Output panel shows every write of the step, the newest last', async ({ page }) => {
  await openTestModule(page, 'out-many-writes.wasm', ['rows(12000)']);
  await pressStep(page);
  await expect(page.getByTestId('terminal-bytes')).toHaveText('120000 B');
  await expect.poll(async () => (await terminalRows(page)).at(-1)).toBe('row 11999');

  await page.reload();
  await expect(page.getByTestId('step-counter')).toContainText('step 1 / 1');
  await expect(page.getByTestId('terminal-bytes')).toHaveText('120000 B');
  await expect.poll(async () => (await terminalRows(page)).at(-1)).toBe('row 11999');
});
