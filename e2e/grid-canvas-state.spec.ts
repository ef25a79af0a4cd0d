// A wheel notch sets the grid canvas's drawing state (colour, opacity, font, word spacing) a few
// times per frame, not at every run of every row (grid-canvas-pen.ts): each setter crosses into
// the browser and parses a CSS string, and per run they were about a hundred a notch, a measured
// ~0.09 ms of a notch's ~2 ms main-thread work under SwiftShader.

import { expect, test } from './test.ts';
import { appUrl, openDemo } from './helpers.ts';

const SETTERS = ['fillStyle', 'globalAlpha', 'font', 'wordSpacing'] as const;

test('a wheel notch sets the canvas state a few times a frame, fewer times than it draws text', async ({ page }) => {
  // Counts what the page's own code asks of every 2D context, from before the app loads.
  await page.addInitScript((setters) => {
    const counts: Record<string, number> = {};
    (window as unknown as { canvasCalls: Record<string, number> }).canvasCalls = counts;
    const proto = CanvasRenderingContext2D.prototype;
    for (const name of setters) {
      const d = Object.getOwnPropertyDescriptor(proto, name)!;
      Object.defineProperty(proto, name, { ...d, set(v: unknown) { counts[name] = (counts[name] ?? 0) + 1; d.set!.call(this, v); } });
    }
    const fillText = proto.fillText;
    proto.fillText = function (...args: Parameters<typeof fillText>) {
      counts.fillText = (counts.fillText ?? 0) + 1;
      return fillText.apply(this, args);
    };
  }, SETTERS);
  await page.goto(appUrl());
  await openDemo(page, 'return-string');
  const grid = page.getByTestId('memory-grid');
  const box = (await grid.boundingBox())!;
  await page.mouse.move(box.x + box.width / 3, box.y + box.height / 2);
  const counts = await grid.evaluate(async (el) => {
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    await frame();
    const calls = (window as unknown as { canvasCalls: Record<string, number> }).canvasCalls;
    for (const k of Object.keys(calls)) calls[k] = 0;
    // Notches a frame apart, each one drawn (data-top-row moves) before the next.
    for (let i = 0; i < 5; i++) {
      const top = el.dataset.topRow;
      el.dispatchEvent(new WheelEvent('wheel', { deltaY: 100, bubbles: true, cancelable: true }));
      while (el.dataset.topRow === top) await frame();
    }
    return { ...calls };
  });
  const sets = SETTERS.reduce((n, s) => n + (counts[s] ?? 0), 0);
  console.log(`5 notches: ${counts.fillText} fillText, ${sets} state sets (${SETTERS.map((s) => `${s} ${counts[s] ?? 0}`).join(', ')})`);
  expect(counts.fillText, 'the notches drew their new rows').toBeGreaterThan(5 * 5 * 2);
  expect(sets, 'state sets per notch: a few per look, not per run').toBeLessThan(counts.fillText);
});
