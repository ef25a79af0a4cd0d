// A read of memory answered after the grid has moved on must not replace the bytes the grid
// shows. After F5, the run's last event brings the window the grid had when the run began, and
// the grid goes to the last writing step's change; a read for where the grid was during the run
// was still on its way and, once answered, replaced the held bytes: the grid drew dots (bytes
// not read) until the next scroll. Here every readMemory answer is held back 1.5 s, the way a
// loaded machine delays one, so the late answer always comes after the grid moved.

import { expect, test } from './test.ts';
import { appUrl, gridByteText, holdBackAnswers, openDemo } from './helpers.ts';

test.use({ trace: 'off' });

test('the grid keeps showing bytes when a read it no longer needs is answered late', async ({ page }) => {
  await holdBackAnswers(page, 'readMemory', 1500);
  await page.goto(appUrl());
  await openDemo(page, 'emscripten-greet');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
  // Past every held-back answer, the grid still shows the bytes where it stands.
  await page.waitForTimeout(2500);
  const rows = await page.locator('[data-testid="memory-grid"] [data-row-addr]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-row-addr'))));
  const top = Math.min(...rows);
  expect(await gridByteText(page, top)).toMatch(/^[0-9a-f]{2}$/);
});
