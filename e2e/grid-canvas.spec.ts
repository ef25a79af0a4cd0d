// The grid's canvas draws what its DOM rows would (grid-canvas.ts): the same page shot twice,
// once as the person sees it (canvas) and once with the canvas hidden and the DOM rows shown,
// must match up to antialiasing, in both themes, at 1× and 2× device pixels, with changed bytes,
// a region and its chip, the selection, the inspector's outline and heap tints on screen.

import { expect, test, type Page } from './test.ts';
import { appUrl, clickGridByte, openDemo, pressStep } from './helpers.ts';
import { canvasMatchesRows } from './grid-pixels.ts';

/** A step of return-string: `ret`'s chip and tint, the step's changed bytes, a selected byte. */
async function returnString(page: Page): Promise<void> {
  await openDemo(page, 'return-string');
  await pressStep(page);
  await expect(page.getByTestId('grid-region-chip').first()).toBeAttached();
  await expect(page.getByTestId('changed-byte').first()).toBeAttached();
  const first = Number(await page.getByTestId('changed-byte').first().getAttribute('data-addr'));
  await clickGridByte(page, first + 1);
  await expect(page.getByTestId('inspector-address')).toContainText((first + 1).toString(16));
}

/** A heap block selected (a range) with its allocator header tinted, in the heap's band. */
async function heapBlock(page: Page): Promise<void> {
  await openDemo(page, 'heap-who-frees');
  for (let i = 0; i < 4; i++) await pressStep(page);
  await page.locator('[data-testid="heap-block"][data-address="67104"]').click();
  await expect(page.locator('[data-testid="memory-grid"] .b.hh[data-addr="67100"]')).toHaveCount(1);
}

async function compareThemes(page: Page, scene: (page: Page) => Promise<void>): Promise<void> {
  await page.goto(appUrl());
  await scene(page);
  const grid = page.getByTestId('memory-grid');
  await page.mouse.move(0, 0);
  for (const theme of ['dark', 'light']) {
    await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
    await canvasMatchesRows(page, grid, `${theme} theme, `);
  }
}

for (const [name, scene] of [['a step\'s changes, a region and a selected byte', returnString], ['a heap block and its header', heapBlock]] as const) {
  test(`the canvas shows what the DOM rows show, in both themes: ${name}`, async ({ page }) => {
    await compareThemes(page, scene);
  });

  test.describe('on a 2× screen', () => {
    test.use({ deviceScaleFactor: 2 });
    test(`the canvas shows what the DOM rows show, in both themes, at device pixels: ${name}`, async ({ page }) => {
      await compareThemes(page, scene);
    });
  });
}
