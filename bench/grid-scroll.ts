// Grid scroll bench (issue 8): main-thread work per wheel notch (script + style/layout + paint,
// from Chromium tracing) for the real grid against a minimal hex-grid page in the same browser,
// taken in alternating rounds so both see the same machine load; medians and their ratio.

import { readFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { pageWork, type MainThreadWork } from './trace-work.ts';

const PEER_URL = 'http://hex-grid.bench/';
const PEER_HTML = readFileSync(new URL('./peers/hex-grid.html', import.meta.url), 'utf8');
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'v8'];
/** One notch of a common mouse wheel in Chromium: 100 px, five 20 px rows in either grid. */
const NOTCH = 100;

export interface ScrollWork { grid: MainThreadWork; peer: MainThreadWork; notches: number; rounds: number }

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Wheels `notches` notches down over `selector`, a notch every `gapMs` (more than a frame, so
 * each notch is its own update), under tracing; per-notch work of the page at `urlPart`.
 * The grid's data-top-row must end exactly where the notches take it, else inputs were lost.
 */
async function notchWork(browser: Browser, page: Page, selector: string, urlPart: string, notches: number, gapMs: number): Promise<MainThreadWork> {
  const grid = page.locator(selector);
  const box = await grid.boundingBox();
  if (!box) throw new Error(`${selector} is not on screen`);
  await page.mouse.move(box.x + box.width / 3, box.y + box.height / 2);
  const topRow = async () => Number(await grid.getAttribute('data-top-row'));
  const before = await topRow();
  await browser.startTracing(page, { categories: CATEGORIES });
  for (let i = 0; i < notches; i++) {
    await page.mouse.wheel(0, NOTCH);
    await sleep(gapMs);
  }
  // Let the last notch's frame (and any fetch it started) finish inside the trace.
  const rows = notches * (NOTCH / 20);
  for (let t = 0; t < 100 && (await topRow()) !== before + rows; t++) await sleep(50);
  await sleep(300);
  const trace = await browser.stopTracing();
  const after = await topRow();
  if (after !== before + rows) throw new Error(`${selector}: top row ${before} → ${after}, expected ${before + rows} after ${notches} notches`);
  const w = pageWork(trace, urlPart);
  const per = (v: number) => v / notches;
  return { script: per(w.script), layout: per(w.layout), paint: per(w.paint), total: per(w.total), tasks: per(w.tasks) };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function medianWork(all: MainThreadWork[]): MainThreadWork {
  const pick = (k: keyof MainThreadWork) => median(all.map((w) => w[k]));
  return { script: pick('script'), layout: pick('layout'), paint: pick('paint'), total: pick('total'), tasks: pick('tasks') };
}

/**
 * `page` shows the real grid (`[data-testid=memory-grid]`, at `pageUrl`), with room below its
 * top row for `rounds × notches` notches. The peer page gets the same viewport, visible rows
 * and bytes per row.
 */
export async function gridScrollWork(browser: Browser, page: Page, pageUrl: string, rounds = 5, notches = 20, gapMs = 120): Promise<ScrollWork> {
  const grid = page.locator('[data-testid=memory-grid]');
  // The grid has the focus, as when a person reads it with wheel and keys. A caret left blinking
  // in another control (the goto field the caller typed into) is a compositor layer of its own
  // that pulls the controls painted over it into layers too (18 layers instead of 11) and
  // redraws twice a second: work of that field, not of the grid, and the peer page has no field
  // (measured in one run: 4.49 ms a notch with the caret, 4.07 ms without).
  await grid.focus();
  const rows = Number(await grid.getAttribute('data-visible-rows'));
  const bpr = Number(await page.locator('[data-testid=bytes-per-row]').inputValue());
  const context = await browser.newContext({ viewport: page.viewportSize() ?? { width: 1600, height: 950 } });
  try {
    await context.route(`${PEER_URL}**`, (route) => route.fulfill({ contentType: 'text/html', body: PEER_HTML }));
    const peer = await context.newPage();
    await peer.goto(`${PEER_URL}?rows=${rows}&bpr=${bpr}&size=${2 ** 30}`);
    const gridRuns: MainThreadWork[] = [];
    const peerRuns: MainThreadWork[] = [];
    // A first unmeasured pass warms both pages' code (JIT, fonts, style caches).
    await notchWork(browser, page, '[data-testid=memory-grid]', pageUrl, 5, gapMs);
    await notchWork(browser, peer, '[data-testid=hex-grid-peer]', PEER_URL, 5, gapMs);
    for (let r = 0; r < rounds; r++) {
      gridRuns.push(await notchWork(browser, page, '[data-testid=memory-grid]', pageUrl, notches, gapMs));
      peerRuns.push(await notchWork(browser, peer, '[data-testid=hex-grid-peer]', PEER_URL, notches, gapMs));
    }
    return { grid: medianWork(gridRuns), peer: medianWork(peerRuns), notches, rounds };
  } finally {
    await context.close();
  }
}
