// Bytes an older step changed are told apart by more than their fading colour (a colour-blind
// eye, a greyscale print): the canvas draws them a dotted underline, and the keys' live region
// says how many steps before the shown one changed the selected byte.

import { expect, test, type Page } from './test.ts';
import { appUrl, gotoAddress, gridByteText, openDemo, pressStep } from './helpers.ts';

/** ReturnString's 12-byte string, written in step 2; step 3 only reads, so it is one step old. */
const BLOCK = 0x10630;

/** The canvas's pixels over the first hex run marked `age`, row by row in device pixels, as 'r,g,b,a'. */
async function runPixels(page: Page, age: number): Promise<string[][]> {
  return page.evaluate((age) => {
    const grid = document.querySelector<HTMLElement>('[data-testid="memory-grid"]')!;
    const canvas = grid.querySelector<HTMLCanvasElement>('canvas.paint')!;
    const run = grid.querySelector<HTMLElement>(`.hex [data-age="${age}"]`)!;
    const [c, r] = [canvas.getBoundingClientRect(), run.getBoundingClientRect()];
    const scale = canvas.width / c.width;
    const [x, y] = [Math.round((r.left - c.left) * scale), Math.round((r.top - c.top) * scale)];
    const [w, h] = [Math.round(r.width * scale), Math.round(r.height * scale)];
    const data = canvas.getContext('2d')!.getImageData(x, y, w, h).data;
    const rows: string[][] = [];
    for (let j = 0; j < h; j++) {
      const row: string[] = [];
      for (let i = 0; i < w; i++) row.push(Array.from(data.slice(4 * (j * w + i), 4 * (j * w + i) + 4)).join(','));
      rows.push(row);
    }
    return rows;
  }, age);
}

/** Pixels that differ between two shots of the same run, by row. */
function differingByRow(a: string[][], b: string[][]): number[] {
  return a.map((row, j) => row.filter((p, i) => p !== b[j]?.[i]).length);
}

test('bytes an older step changed carry a dotted underline on the canvas, and the keys say their age', async ({ page }) => {
  await page.goto(appUrl());
  await openDemo(page, 'return-string');
  for (let i = 0; i < 3; i++) await pressStep(page);
  await gotoAddress(page, `0x${BLOCK.toString(16)}`);
  await expect(page.getByTestId('inspector-address')).toHaveText(`at 0x000${BLOCK.toString(16)}`);
  const grid = page.getByTestId('memory-grid');
  await expect(grid.locator('.hex [data-age="1"]').first()).toBeAttached();
  // The DOM rows say it too (they are what the canvas's looks are read from).
  await expect(grid.locator('.hex [data-age="1"]').first()).toHaveCSS('text-decoration-style', 'dotted');

  // The same run drawn with the underline turned off: only the underline's pixels change, in a
  // band below the text, and along most of the run (dots every other pixel).
  const marked = await runPixels(page, 1);
  const off = await page.addStyleTag({ content: '.grid [data-age] { text-decoration: none !important }' });
  // Any attribute on the root is a theme change to the grid: it reads its looks again.
  await page.evaluate(() => document.documentElement.setAttribute('data-restyle', '1'));
  let diff: number[] = [];
  await expect.poll(async () => {
    diff = differingByRow(marked, await runPixels(page, 1));
    return diff.reduce((n, d) => n + d, 0);
  }).toBeGreaterThan(0);
  const width = marked[0].length;
  const rows = diff.flatMap((d, j) => (d > 0 ? [j] : []));
  expect(rows[0], `the underline is below the text's middle (rows ${rows} of ${diff.length})`).toBeGreaterThan(diff.length / 2);
  expect(Math.max(...diff), 'dots along the run').toBeGreaterThan(width / 4);
  await off.evaluate((el) => (el as Element).remove());

  const live = page.getByTestId('grid-announce');
  await grid.focus();
  await page.keyboard.press('ArrowRight');
  const hex = await gridByteText(page, BLOCK + 1);
  await expect(live).toHaveText(`0x000${(BLOCK + 1).toString(16)}: ${hex}, changed 1 step before it`);
});
