// A step reaches the screen through the grid's canvas in its own frame; the transparent DOM rows
// (accessibility, hit-testing, copy) catch up one frame later (MemoryGrid's drawFrame), so the
// step's frame does not also write, style and lay out the rows it changed (issue 8, F10 p95).

import { expect, test } from './test.ts';
import { appUrl, gotoAddress, gridAscii, openDemo, pressStep } from './helpers.ts';

test('a step shows on the canvas in its frame and in the DOM rows the frame after', async ({ page }) => {
  await page.goto(appUrl());
  await openDemo(page, 'return-string');
  await pressStep(page);
  // The allocation `ret` in view: the next step writes {ptr, len} there and the text after it.
  await gotoAddress(page, 'ret');
  await expect(page.getByTestId('inspector-u32')).toBeVisible();
  const grid = page.getByTestId('memory-grid');
  // Every canvas draw writes the grid's data-top-row; the watch reads the DOM rows and the
  // canvas in the task of the first draw after F10, then once more in the next frame. It is
  // armed only when the grid is at rest (no draw pending), so its first draw is the step's.
  await grid.evaluate(async (el) => {
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    // The DOM rows alone: the canvas reads its looks through a hidden probe row of its own.
    const rows = () => [...el.querySelectorAll('.row[data-row-addr]')].map((r) => r.outerHTML).join('');
    const picture = () => el.querySelector('canvas')!.toDataURL();
    for (let quiet = 0, last = rows(); quiet < 5; ) {
      await frame();
      const now = rows();
      quiet = now === last ? quiet + 1 : 0;
      last = now;
    }
    const before = { rows: rows(), picture: picture() };
    (window as unknown as { stepSeen: Promise<unknown> }).stepSeen = new Promise((resolve) => {
      const watch = new MutationObserver(() => {
        watch.disconnect();
        const atDraw = { rows: rows(), picture: picture() };
        requestAnimationFrame(() => resolve({ before, atDraw, next: rows() }));
      });
      watch.observe(el, { attributes: true, attributeFilter: ['data-top-row'] });
    });
  });
  await page.keyboard.press('F10');
  const seen = await page.evaluate(() => (window as unknown as { stepSeen: Promise<unknown> }).stepSeen) as {
    before: { rows: string; picture: string };
    atDraw: { rows: string; picture: string };
    next: string;
  };
  // The step's frame: the canvas shows the new bytes, the DOM rows are not written yet.
  expect(seen.atDraw.picture).not.toBe(seen.before.picture);
  expect(seen.atDraw.rows).toBe(seen.before.rows);
  // The frame after: the DOM rows have caught up with what the canvas drew.
  expect(seen.next).not.toBe(seen.before.rows);
  await expect.poll(() => gridAscii(page)).toContain('hello from C');
  await expect(page.getByTestId('changed-byte').first()).toBeAttached();
});
