// One F10 in the page (issue 7): the step request names the window the grid shows, the step
// event brings that window's bytes (and the heap) back, and the grid draws the step's new bytes
// without the page asking again: one F10, one request.

import { expect, test, type Page } from '@playwright/test';
import { appUrl, gotoAddress, gridAscii, openDemo, pressStep } from './helpers.ts';

/** The names of the requests the page sends from now on. */
function recordRequests(page: Page): string[] {
  const names: string[] = [];
  page.on('websocket', (ws) => ws.on('framesent', ({ payload }) => {
    const m = /^\{"type":"request","id":\d+,"name":"(\w+)"/.exec(String(payload));
    if (m) names.push(m[1]);
  }));
  return names;
}

test('F10 shows the bytes the step wrote with no memory request after it', async ({ page }) => {
  const sent = recordRequests(page);
  await page.goto(appUrl());
  await openDemo(page, 'return-string');
  await pressStep(page);
  // The allocation `ret` in view: the next step writes {ptr, len} there and the text just after it.
  await gotoAddress(page, 'ret');
  await expect(page.getByTestId('inspector-u32')).toBeVisible();
  expect(await gridAscii(page)).not.toContain('hello from C');

  sent.length = 0;
  await pressStep(page);
  await expect.poll(() => gridAscii(page)).toContain('hello from C');
  await expect(page.getByTestId('changed-byte').first()).toBeVisible();
  // The inspector at ret reads the pointer the step wrote, from the same carried bytes.
  await expect(page.getByTestId('inspector-u32')).toHaveText('67120');
  // One request for the whole F10: no readMemory, pageMap or heap after it.
  expect(sent).toEqual(['step']);
});

test('F10 whose allocation lies outside the view moves the grid there with no memory request', async ({ page }) => {
  const sent = recordRequests(page);
  await page.goto(appUrl());
  await openDemo(page, 'return-string');
  // The grid at the start of memory, far below the heap where malloc(8) puts `ret` (scrolled
  // there with Home: nothing selected, so the value inspector reads nothing either).
  await page.getByTestId('memory-grid').focus();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('memory-grid')).toHaveAttribute('data-top-row', '0');

  sent.length = 0;
  await pressStep(page);
  // The grid moved to `ret` and shows it: its region chip and the step's changed bytes.
  await expect(page.getByTestId('grid-region-chip').filter({ hasText: 'ret' })).toBeVisible();
  await expect(page.getByTestId('changed-byte').first()).toBeVisible();
  expect(Number(await page.getByTestId('memory-grid').getAttribute('data-top-row'))).toBeGreaterThan(0x1000);
  expect(sent).toEqual(['step']);
});
