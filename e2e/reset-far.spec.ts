// After a Reset the grid keeps its place even where the smaller memory does not reach (issue 8):
// big-memory's grid at the 1 GiB marker sits at the end of the 16 MiB memory meanwhile, and the
// step that grows memory again brings the bytes of the grid's place in its event, so the grid
// goes back there with no memory request of its own.

import { expect, test } from './test.ts';
import { appUrl, gotoAddress, gridAscii, gridByteText, openDemo, pressStep, stepCount } from './helpers.ts';

test("the growth step after a Reset brings the grid's place past the old end of memory", async ({ page }) => {
  test.setTimeout(180_000);
  const sent: string[] = [];
  page.on('websocket', (ws) => ws.on('framesent', ({ payload }) => {
    const m = /^\{"type":"request","id":\d+,"name":"(\w+)"/.exec(String(payload));
    if (m) sent.push(m[1]!);
  }));
  await page.goto(appUrl());
  await openDemo(page, 'big-memory');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await gotoAddress(page, '0x3FFFFFF0');
  await expect.poll(() => gridAscii(page)).toContain('MEMSCOPE FAR END');
  const grid = page.getByTestId('memory-grid');
  const farRow = Number(await grid.getAttribute('data-top-row'));
  expect(farRow * 16).toBeGreaterThan(16 * 1024 * 1024);

  await page.getByTestId('reset-button').click();
  await expect(page.getByTestId('step-counter')).toContainText('step 0 /');
  // The steps before grow_to(16384) run on the 16 MiB memory (the first one after the Reset's
  // own reads is left out of the count).
  const lines = await page.getByTestId('sequence-text').inputValue();
  const growStep = lines.split('\n').filter((l) => /^\s*[^#\s]/.test(l) && !/^\s*module\b/.test(l)).findIndex((l) => l.includes('grow_to'));
  expect(growStep).toBeGreaterThan(0);
  await pressStep(page);
  sent.length = 0;
  while ((await stepCount(page)).at < growStep) await pressStep(page);
  // Meanwhile each step brings memory's end, where the grid sits, and the selection past it asks
  // for nothing (before: a readMemory of a negative length after every step).
  expect(sent).toEqual(Array(growStep - 1).fill('step'));
  expect(Number(await grid.getAttribute('data-top-row'))).toBeLessThan(farRow);

  sent.length = 0;
  await pressStep(page);
  await expect(page.getByTestId('memory-size')).toContainText(/1(\.0)? GiB|1024 MiB/);
  await expect(grid).toHaveAttribute('data-top-row', String(farRow));
  // The grid draws its rows from the bytes the step brought: zeros, the marker is not written yet.
  await expect.poll(() => gridByteText(page, 0x3ffffff0)).toBe('00');
  // Before: a readMemory followed the step, for the rows the grid went back to.
  expect(sent).toEqual(['step']);
});
