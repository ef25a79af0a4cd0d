// UI: headless Chromium (Debian's /usr/bin/chromium via Playwright) against the web shell with the
// big-memory demo. Measures (1) how long after a step's end (its delta arriving in the page) the
// grid shows that step's memory, and (2) the main-thread work per frame while scrolling a 1 GiB
// memory with wheel, PageDown/PageUp, Home/End (p95; target ≤ 16 ms), plus rAF intervals.
// Reads the page's harmless window.__memscope timestamps (src-renderer/lib/perf-hooks.ts).

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { DEFAULT_RENDERER_DIR, startWebShell } from '../src-main/web/server.ts';

type Report = (name: string, value: string) => void;

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCROLL_FRAMES = 300;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const ms = (v: number) => `${v.toFixed(2)} ms`;

/** In-page: waits until the grid painted memory of the step the last delta announced. */
const WAIT_GRID = `(async () => {
  const h = window.__memscope;
  const t0 = performance.now();
  while (!(h.gridStep === h.deltaStep && h.gridAt >= h.deltaAt && h.deltaStep >= 0)) {
    if (performance.now() - t0 > 10000) throw new Error('grid did not update within 10 s');
    await new Promise((r) => setTimeout(r, 1));
  }
  return { deltaAt: h.deltaAt, gridAt: h.gridAt, step: h.deltaStep, fetchMs: h.fetchMs };
})()`;

/** In-page: one scroll input per frame; each frame's work is input → Svelte flush → layout. */
const SCROLL = (frames: number) => `(async () => {
  const grid = document.querySelector('[data-testid=memory-grid]');
  const work = [];
  const intervals = [];
  let last = performance.now();
  for (let i = 0; i < ${frames}; i++) {
    await new Promise((r) => requestAnimationFrame(r));
    const now = performance.now();
    intervals.push(now - last);
    last = now;
    const before = grid.dataset.topRow;
    const t0 = performance.now();
    const k = i % 10;
    const ev = k < 6
      ? new WheelEvent('wheel', { deltaY: (i % 20 < 10 ? 1 : -1) * 100 * (1 + (i % 7)), bubbles: true, cancelable: true })
      : new KeyboardEvent('keydown', { key: k === 6 ? 'PageDown' : k === 7 ? 'PageUp' : k === 8 ? 'End' : 'Home', bubbles: true, cancelable: true });
    grid.dispatchEvent(ev);
    for (let n = 0; n < 20 && grid.dataset.topRow === before; n++) await Promise.resolve();
    void grid.getBoundingClientRect();
    void document.body.offsetHeight;
    work.push(performance.now() - t0);
  }
  return { work, intervals: intervals.slice(1) };
})()`;

export async function run(report: Report): Promise<void> {
  if (!existsSync(join(DEFAULT_RENDERER_DIR, 'index.html'))) {
    throw new Error(`the renderer is not built (${DEFAULT_RENDERER_DIR}): run \`npm run build\` first`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  const shell = await startWebShell({});
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    // bypassCSP: the page's CSP (rightly) forbids eval, which string predicates need.
    const page = await browser.newPage({ viewport: { width: 1600, height: 950 }, bypassCSP: true });
    await page.goto(shell.url);
    await page.locator('[data-testid=demo-card][data-demo-id=big-memory]').click();
    await page.locator('[data-testid=memory-grid]').waitFor();

    // (1) Step by step with F10: delta arrival → grid painted, and key press → grid painted.
    const toGrid: number[] = [];
    const pressToGrid: number[] = [];
    const fetches: number[] = [];
    for (let i = 0; i < 40; i++) {
      const state = await page.locator('[data-testid=state-badge]').getAttribute('data-state');
      if (state !== 'ready' && state !== 'paused') break;
      const pressedAt = await page.evaluate('performance.now()') as number;
      await page.keyboard.press('F10');
      await page.waitForFunction(`window.__memscope.deltaStep === ${i + 1}`, undefined, { timeout: 15_000 });
      const t = await page.evaluate(WAIT_GRID) as { deltaAt: number; gridAt: number; fetchMs: number };
      toGrid.push(t.gridAt - t.deltaAt);
      fetches.push(t.fetchMs);
      pressToGrid.push(t.gridAt - pressedAt);
    }
    if (toGrid.length === 0) throw new Error('the big-memory demo did not step');
    report(`ui: step end → grid shows it, median of ${toGrid.length} steps`, ms(percentile(toGrid, 50)));
    report('ui: step end → grid shows it, max', ms(Math.max(...toGrid)));
    report('ui:   of which the readMemory round trip, median', ms(percentile(fetches, 50)));
    report('ui: F10 press → grid shows the step (incl. the step), median', ms(percentile(pressToGrid, 50)));
    const size = await page.locator('[data-testid=memory-size]').getAttribute('title');
    if (Number(size?.split(' ')[0]) < 2 ** 30) throw new Error(`memory is ${size}, expected 1 GiB after the demo ran`);

    // (2) Scrolling the 1 GiB memory.
    await page.locator('[data-testid=memory-grid]').focus();
    await page.evaluate(SCROLL(30));
    const r = await page.evaluate(SCROLL(SCROLL_FRAMES)) as { work: number[]; intervals: number[] };
    report(`ui: scroll frame work, 1 GiB memory, ${SCROLL_FRAMES} frames, p95 (target ≤ 16 ms)`, ms(percentile(r.work, 95)));
    report('ui: scroll frame work, median', ms(percentile(r.work, 50)));
    report('ui: rAF interval while scrolling, p95 (60 Hz = 16.7 ms)', ms(percentile(r.intervals, 95)));
  } finally {
    await browser.close();
    await shell.close();
  }
}
