// The grid to a screen reader: rows are recycled (document order is whatever row element was
// free when an address came into view), yet Chromium's accessibility tree must list the grid's
// rows from the top of the screen down, each with its row number, as a person sees them.

import { expect, test, type Page } from './test.ts';
import { appUrl, openDemo } from './helpers.ts';

test.beforeEach(async ({ page }) => {
  await page.goto(appUrl());
  await expect(page.getByTestId('start-screen').or(page.getByTestId('memory-view'))).toBeVisible();
});

interface AxNode { role?: { value: string }; name?: { value: string } }

/** The names of the rows in Chromium's own accessibility tree, in its order. */
async function axRows(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree') as { nodes: AxNode[] };
    return nodes.filter((n) => n.role?.value === 'row').map((n) => n.name?.value ?? '');
  } finally {
    await cdp.detach();
  }
}

/** The visible rows as the page draws them: address label and row number, top to bottom. */
async function shownRows(page: Page): Promise<{ label: string; index: string | null; addr: number }[]> {
  const rows = await page.locator('[data-testid="memory-grid"] [data-row-addr]').evaluateAll((els) => els.map((r) => ({
    addr: Number(r.getAttribute('data-row-addr')),
    label: r.querySelector('.addr')?.textContent ?? '',
    index: r.getAttribute('aria-rowindex'),
  })));
  return rows.sort((a, b) => a.addr - b.addr);
}

test('after scrolling, the accessibility tree lists the grid rows in address order with their row numbers', async ({ page }) => {
  await openDemo(page, 'return-string');
  const grid = page.getByTestId('memory-grid');
  const bpr = Number(await grid.getAttribute('data-bytes-per-row'));
  await grid.hover();
  // Two notches down and one up: rows leave and come back, so elements are reused out of order.
  for (const dy of [100, 100, -100]) {
    const before = await grid.getAttribute('data-top-row');
    await page.mouse.wheel(0, dy);
    await expect(grid).not.toHaveAttribute('data-top-row', before ?? '');
  }
  const top = Number(await grid.getAttribute('data-top-row'));
  expect(top).toBeGreaterThan(0);
  // The wheel moves the canvas at once; the DOM rows (what assistive tech reads) follow when the
  // wheel rests, a quarter second later.
  await expect.poll(async () => (await shownRows(page))[0]?.addr).toBe(top * bpr);
  const shown = await shownRows(page);
  expect(shown.map((r) => r.index)).toEqual(shown.map((r) => String(r.addr / bpr + 1)));
  await expect(grid).toHaveAttribute('aria-rowcount', /^\d+$/);
  const ax = await axRows(page);
  expect(ax).toHaveLength(shown.length);
  ax.forEach((name, i) => expect(name.startsWith(shown[i].label), `row ${i}: "${name}" starts with ${shown[i].label}`).toBe(true));
});
