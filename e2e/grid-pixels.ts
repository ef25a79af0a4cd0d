// The grid's canvas against its DOM rows in pixels (grid-canvas.ts draws what the rows hold):
// the same grid shot as the person sees it, with the rows shown instead, and with neither.

import { expect, type Locator, type Page } from '@playwright/test';

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

/**
 * Asserts that the grid's canvas shows what its DOM rows show (up to antialiasing), and that the
 * rows put far more on the page than what differs, so the comparison has teeth.
 */
export async function canvasMatchesRows(page: Page, grid: Locator, label = ''): Promise<void> {
  const canvas = await shot(page, grid, null);
  const dom = await shot(page, grid, SHOW_DOM);
  const blank = await shot(page, grid, SHOW_NONE);
  const d = await differing(page, canvas, dom);
  const ink = await differing(page, blank, dom);
  console.log(`${label}${d.total} px: canvas vs DOM rows ${d.differ} px differ (${(100 * d.differ / d.total).toFixed(2)}%); rows ink ${ink.differ} px`);
  expect(ink.differ, `${label}the rows draw something`).toBeGreaterThan(d.total / 50);
  expect(d.differ / d.total, `${label}canvas vs DOM rows`).toBeLessThan(0.005);
}
