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

/**
 * The Chromium flags the scroll bench compares under. `swiftshader` is the target's setting:
 * Memscope ships as an Electron app, which composites on the GPU, and SwiftShader is a GPU
 * Chromium can run here (chrome://gpu says "Canvas: Hardware accelerated" under xvfb, headless
 * too). `software` (--disable-gpu) is printed beside it as a reference: there a 2D canvas is
 * rasterized and copied on the renderer's main thread every frame, which a page of DOM text
 * does not pay (grid4's report). Grid and peer always run in one browser with one flag set.
 */
export const GPU_FLAGS = {
  swiftshader: ['--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
  software: ['--disable-gpu'],
} as const;
export type GpuMode = keyof typeof GPU_FLAGS;

/** All flags of a bench Chromium in `mode`. */
export function chromiumArgs(mode: GpuMode): string[] {
  return ['--no-sandbox', '--disable-background-networking', ...GPU_FLAGS[mode]];
}

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
  // Let the last notch's frame (and any fetch it started) finish inside the trace, up to the DOM
  // row of the last visible row: a grid that showed the rows first some other way (a canvas) and
  // left its DOM rows, the accessible and clickable ones, to catch up when the wheel rests would
  // otherwise leave that work outside the trace, and look cheaper than it is.
  const rows = notches * (NOTCH / 20);
  for (let t = 0; t < 100 && (await topRow()) !== before + rows; t++) await sleep(50);
  const [visible, bpr] = await Promise.all(['data-visible-rows', 'data-bytes-per-row'].map((a) => grid.getAttribute(a)));
  if (visible && bpr) {
    const lastRow = (before + rows + Number(visible) - 1) * Number(bpr);
    await grid.locator(`[data-row-addr="${lastRow}"]`).waitFor({ state: 'attached', timeout: 10_000 });
  }
  await sleep(300);
  const trace = await browser.stopTracing();
  const after = await topRow();
  if (after !== before + rows) throw new Error(`${selector}: top row ${before} → ${after}, expected ${before + rows} after ${notches} notches`);
  const w = pageWork(trace, urlPart);
  const per = (v: number) => v / notches;
  const events = Object.fromEntries(Object.entries(w.events).map(([k, v]) => [k, per(v)]));
  return { script: per(w.script), layout: per(w.layout), paint: per(w.paint), total: per(w.total), tasks: per(w.tasks), events };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function medianWork(all: MainThreadWork[]): MainThreadWork {
  const pick = (k: 'script' | 'layout' | 'paint' | 'total' | 'tasks') => median(all.map((w) => w[k]));
  const names = new Set(all.flatMap((w) => Object.keys(w.events)));
  const events = Object.fromEntries([...names].map((n) => [n, median(all.map((w) => w.events[n] ?? 0))]));
  return { script: pick('script'), layout: pick('layout'), paint: pick('paint'), total: pick('total'), tasks: pick('tasks'), events };
}

/** A page to wheel: the grid or the peer, in the browser that traces it. */
export interface ScrollSubject { browser: Browser; page: Page; selector: string; urlPart: string }

export const GRID = '[data-testid=memory-grid]';

/**
 * Per-notch medians of each subject, taken in alternating rounds so all see the same machine
 * load. A first unmeasured pass warms each page's code (JIT, fonts, style caches).
 */
export async function alternate(subjects: readonly ScrollSubject[], rounds = 5, notches = 20, gapMs = 120): Promise<MainThreadWork[]> {
  for (const s of subjects) await notchWork(s.browser, s.page, s.selector, s.urlPart, 5, gapMs);
  const runs = subjects.map((): MainThreadWork[] => []);
  for (let r = 0; r < rounds; r++) {
    for (const [i, s] of subjects.entries()) runs[i].push(await notchWork(s.browser, s.page, s.selector, s.urlPart, notches, gapMs));
  }
  return runs.map(medianWork);
}

/**
 * The minimal page in its own context of `browser` (another site, so its own renderer), with
 * the viewport, visible rows and bytes per row of the grid on `gridPage`.
 */
export async function openPeer(browser: Browser, gridPage: Page): Promise<{ subject: ScrollSubject; close: () => Promise<void> }> {
  const rows = Number(await gridPage.locator(GRID).getAttribute('data-visible-rows'));
  const bpr = Number(await gridPage.locator('[data-testid=bytes-per-row]').inputValue());
  const context = await browser.newContext({ viewport: gridPage.viewportSize() ?? { width: 1600, height: 950 } });
  await context.route(`${PEER_URL}**`, (route) => route.fulfill({ contentType: 'text/html', body: PEER_HTML }));
  const page = await context.newPage();
  await page.goto(`${PEER_URL}?rows=${rows}&bpr=${bpr}&size=${2 ** 30}`);
  return { subject: { browser, page, selector: '[data-testid=hex-grid-peer]', urlPart: PEER_URL }, close: () => context.close() };
}

/**
 * Where the bench starts: the Go demo's data segments (#0 at 0x3862: names, strings, pointers),
 * 330 KiB of real non-zero bytes, so each notch's new rows differ as the peer's random rows do
 * (0x1000, the start before, is all zeros until the program runs: every row there looked alike).
 */
export const GO_DATA = '0x3860';

/**
 * Shows the start screen (the demo cards): a page opened on a server that already holds a
 * session shows that session, not the start screen (one server is one session).
 */
export async function showStartScreen(page: Page): Promise<void> {
  const start = page.locator('[data-testid=start-screen]');
  await start.or(page.locator('[data-testid=memory-view]')).first().waitFor();
  if (!(await start.isVisible())) await page.locator('[data-testid=home-button]').click();
}

/**
 * Waits until the session is ready. On a timeout it throws with what the page showed instead
 * (its state and any error bar): one whole bench once waited its 180 s for a demo to open and
 * said only that it timed out.
 */
export async function untilReady(page: Page, timeout?: number): Promise<void> {
  try {
    await page.locator('[data-testid=state-badge][data-state=ready]').waitFor(timeout === undefined ? {} : { timeout });
  } catch (e) {
    const state = await page.locator('[data-testid=state-badge]').getAttribute('data-state', { timeout: 1000 }).catch(() => null);
    const errors = await page.getByTestId('error-bar').allInnerTexts().catch(() => []);
    throw new Error(`${(e as Error).message.split('\n')[0]}; the page's state: ${state ?? 'no state badge'}; errors shown: ${errors.join(' | ').replace(/\s+/g, ' ') || 'none'}`);
  }
}

/**
 * From the start screen, the Go demo's data segments (GO_DATA) with the grid focused, as a person
 * reads it with wheel and keys. A caret left blinking in another control (the goto field typed
 * into here) is a compositor layer of its own that pulls the controls painted over it into
 * layers too (18 layers instead of 11) and redraws twice a second: work of that field, not of
 * the grid, and the peer page has no field (measured in one run: 4.49 ms a notch with the
 * caret, 4.07 ms without).
 */
export async function showGoData(page: Page): Promise<void> {
  await showStartScreen(page);
  await page.locator('[data-testid=demo-card][data-demo-id=go-hello]').click();
  await untilReady(page);
  await page.locator('[data-testid=goto-input]').fill(GO_DATA);
  await page.locator('[data-testid=goto-input]').press('Enter');
  const grid = page.locator(GRID);
  await grid.locator(`[data-row-addr="${Number(GO_DATA)}"]`).waitFor({ state: 'attached' });
  // A bench over rows of zeros measures a grid with nothing to draw: refuse it. The rows are
  // there before the window's bytes arrive (they draw as zeros until then), so wait a while for
  // them to fill before refusing.
  const filled = () => grid.evaluate((el) => {
    const rows = [...el.querySelectorAll('[data-row-addr] .hex')].map((h) => /[1-9a-f]/.test(h.textContent ?? ''));
    return { data: rows.filter(Boolean).length, rows: rows.length };
  });
  let seen = await filled();
  for (let waited = 0; seen.data < seen.rows / 2 && waited < 10_000; waited += 100) {
    await page.waitForTimeout(100);
    seen = await filled();
  }
  if (seen.data < seen.rows / 2) throw new Error(`only ${seen.data} of ${seen.rows} rows at ${GO_DATA} hold non-zero bytes: not the data the bench means to scroll`);
  await grid.focus();
}

/** The trace events that differ most between the grid and the peer, per notch: "Layerize 0.39 / 0.07, …". */
export function eventSplit(grid: MainThreadWork, peer: MainThreadWork, count = 10): string {
  const names = [...new Set([...Object.keys(grid.events), ...Object.keys(peer.events)])];
  const at = (w: MainThreadWork, n: string) => w.events[n] ?? 0;
  return names
    .sort((a, b) => Math.abs(at(grid, b) - at(peer, b)) - Math.abs(at(grid, a) - at(peer, a)))
    .slice(0, count)
    .map((n) => `${n} ${at(grid, n).toFixed(2)} / ${at(peer, n).toFixed(2)}`)
    .join(', ');
}

/**
 * `page` shows the real grid (at `pageUrl`, see showGoData), with room below its top row for
 * `rounds × notches` notches; the peer page runs in the same browser.
 */
export async function gridScrollWork(browser: Browser, page: Page, pageUrl: string, rounds = 5, notches = 20, gapMs = 120): Promise<ScrollWork> {
  const peer = await openPeer(browser, page);
  try {
    const [grid, peerWork] = await alternate([{ browser, page, selector: GRID, urlPart: pageUrl }, peer.subject], rounds, notches, gapMs);
    return { grid, peer: peerWork, notches, rounds };
  } finally {
    await peer.close();
  }
}
