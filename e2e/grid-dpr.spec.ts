// The grid's canvas follows a change of devicePixelRatio at once (the window moved to a screen
// of another scale), without waiting for its next redraw: its backing store takes the new device
// pixels and holds the rows drawn at that scale, in the frames right after the change.

import { expect, test, type Page } from './test.ts';
import { appUrl, openDemo, pressStep } from './helpers.ts';

/** The canvas's backing size, the CSS pixels it covers and how many of its pixels are inked. */
async function canvasState(page: Page): Promise<{ width: number; height: number; cssWidth: number; cssHeight: number; ratio: number; inked: number }> {
  return page.getByTestId('memory-grid').evaluate(async (grid) => {
    // Frames, not time: the media query change, the frame it asks for and one more.
    for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(r));
    const canvas = grid.querySelector<HTMLCanvasElement>('canvas.paint')!;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let inked = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) inked++;
    const box = canvas.getBoundingClientRect();
    return { width: canvas.width, height: canvas.height, cssWidth: box.width, cssHeight: box.height, ratio: devicePixelRatio, inked };
  });
}

test('a change of devicePixelRatio redraws the grid canvas at the new scale at once', async ({ page }) => {
  await page.goto(appUrl());
  await openDemo(page, 'return-string');
  await page.mouse.move(0, 0);
  // On a 2× screen first. Chromium applies an override that only raises the ratio without telling
  // the page (tried: no media query change, no resize), so the grid learns of it at its next
  // redraw, the step's; clearing the override then moves the page back to this machine's 1×
  // screen, which Chromium does tell the page, as a move to another screen would.
  // The override takes the size the page has once it is cleared (in headless Chromium that is not
  // the size it had before: found by clearing one first), so that clearing it changes the ratio
  // alone.
  const cdp = await page.context().newCDPSession(page);
  const viewport = () => page.evaluate(async () => {
    for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(r));
    return { width: innerWidth, height: innerHeight };
  });
  const at2x = async () => cdp.send('Emulation.setDeviceMetricsOverride', { ...(await viewport()), deviceScaleFactor: 2, mobile: false });
  await at2x();
  await cdp.send('Emulation.clearDeviceMetricsOverride');
  await at2x();
  await pressStep(page);
  await expect(page.getByTestId('changed-byte').first()).toBeAttached();
  const before = await canvasState(page);
  expect(before.ratio).toBe(2);
  expect(before.width).toBe(Math.ceil(before.cssWidth * 2));
  expect(before.inked, 'the canvas shows the rows').toBeGreaterThan(4000);

  await cdp.send('Emulation.clearDeviceMetricsOverride');
  const after = await canvasState(page);
  expect(after.ratio).toBe(1);
  expect([after.cssWidth, after.cssHeight], 'the same CSS size: nothing but the ratio changed').toEqual([before.cssWidth, before.cssHeight]);
  expect([after.width, after.height], 'backing store in the new device pixels').toEqual([Math.ceil(after.cssWidth), Math.ceil(after.cssHeight)]);
  // The same rows at half the scale ink about a quarter of the pixels (not a blank resized canvas).
  expect(after.inked / before.inked).toBeGreaterThan(0.2);
  expect(after.inked / before.inked).toBeLessThan(0.33);
});
