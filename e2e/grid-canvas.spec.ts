// The grid's canvas draws what its DOM rows would (grid-canvas.ts): the same page shot twice,
// once as the person sees it (canvas) and once with the canvas hidden and the DOM rows shown,
// must match up to antialiasing, in both themes, at 1× and 2× device pixels, with changed bytes,
// a region and its chip, the selection, the inspector's outline and heap tints on screen.

import { expect, test, type Locator, type Page } from '@playwright/test';
import { appUrl, clickGridByte, openDemo, pressStep } from './helpers.ts';

/** A channel differing by more than this is more than antialiasing (grid4 measured 0.20% of pixels). */
const CHANNEL = 40;
const SHOW_DOM = '.grid .rows { opacity: 1 !important } .grid canvas.paint { visibility: hidden !important }';
const SHOW_NONE = '.grid canvas.paint { visibility: hidden !important }';

/** Pixels of two same-sized PNGs differing by more than CHANNEL in a colour channel. */
async function differing(page: Page, a: Buffer, b: Buffer): Promise<{ differ: number; total: number }> {
  return page.evaluate(async ([a, b, channel]) => {
    const pixels = async (b64: string) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const ctx = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      return ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    };
    const [x, y] = [await pixels(a), await pixels(b)];
    if (x.length !== y.length) throw new Error(`shots differ in size: ${x.length} vs ${y.length} bytes`);
    let differ = 0;
    for (let i = 0; i < x.length; i += 4) {
      if (Math.max(Math.abs(x[i] - y[i]), Math.abs(x[i + 1] - y[i + 1]), Math.abs(x[i + 2] - y[i + 2])) > channel) differ++;
    }
    return { differ, total: x.length / 4 };
  }, [a.toString('base64'), b.toString('base64'), CHANNEL] as const);
}

/** The grid shot with `css` added (none: as the person sees it), after the next frame drew. */
async function shot(page: Page, grid: Locator, css: string | null): Promise<Buffer> {
  const tag = css ? await page.addStyleTag({ content: css }) : null;
  await grid.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const png = await grid.screenshot({ animations: 'disabled' });
  await tag?.evaluate((el) => (el as Element).remove());
  return png;
}

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
    const canvas = await shot(page, grid, null);
    const dom = await shot(page, grid, SHOW_DOM);
    const blank = await shot(page, grid, SHOW_NONE);
    const d = await differing(page, canvas, dom);
    // What the rows put on the page at all (text, tints, chips): the comparison has teeth only
    // if that is far more than what differs.
    const ink = await differing(page, blank, dom);
    console.log(`${theme} theme, ${d.total} px: canvas vs DOM rows ${d.differ} px differ (${(100 * d.differ / d.total).toFixed(2)}%); rows ink ${ink.differ} px`);
    expect(ink.differ, `${theme}: the rows draw something`).toBeGreaterThan(d.total / 50);
    expect(d.differ / d.total, `${theme}: canvas vs DOM rows`).toBeLessThan(0.005);
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
