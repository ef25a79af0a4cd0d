// Issue 14 defect #4 at 1280×800, as measured in the page: nothing a person needs is cut off
// where they cannot reach it (ASCII at 32 bytes/row, demo comments, decoded WASI results,
// inspector values in large-font mode), and the gutter stays in line with the text.

import { expect, test, type Locator, type Page } from './test.ts';
import { appUrl, gotoAddress, openDemo, pressStep, screenshot } from './helpers.ts';

test.use({ viewport: { width: 1280, height: 800 } });

test.beforeEach(async ({ page }) => {
  await page.goto(appUrl());
  await expect(page.getByTestId('start-screen').or(page.getByTestId('memory-view'))).toBeVisible();
});

/** Elements (of `list`) whose text is wider than their box: cut off with an ellipsis or hidden. */
async function clipped(list: Locator): Promise<string[]> {
  return list.evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent ?? ''));
}

/** Pairs of toolbar controls whose boxes overlap (a label and the control inside it aside). */
async function toolbarOverlaps(page: Page): Promise<string[]> {
  const controls = page.locator('header.toolbar').locator('button, label, select, [data-testid="state-badge"], [data-testid="step-counter"], [data-testid="termination"]');
  return controls.evaluateAll((els) => {
    const boxes = els.map((e) => ({ e, r: e.getBoundingClientRect() })).filter(({ r }) => r.width > 0);
    const found: string[] = [];
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        if (a.e.contains(b.e) || b.e.contains(a.e)) continue;
        if (a.r.left < b.r.right - 1 && b.r.left < a.r.right - 1 && a.r.top < b.r.bottom - 1 && b.r.top < a.r.bottom - 1) found.push(`${a.e.textContent?.trim()} / ${b.e.textContent?.trim()}`);
      }
    }
    return found;
  });
}

/** The test ids of `ids` whose boxes are not on the first's row (their middles more than 3 px apart). */
async function offRow(page: Page, ids: readonly string[]): Promise<string[]> {
  const boxes = await Promise.all(ids.map((id) => page.getByTestId(id).boundingBox()));
  const middle = (i: number) => boxes[i]!.y + boxes[i]!.height / 2;
  return ids.filter((id, i) => !boxes[i] || Math.abs(middle(i) - middle(0)) > 3);
}

/** Whether the element's text is cut off (ellipsised) rather than whole. */
const cut = (el: Element) => el.scrollWidth > el.clientWidth + 1;

async function setLarge(page: Page, large: boolean): Promise<void> {
  const toggle = page.getByTestId('font-toggle');
  if ((await page.evaluate(() => document.documentElement.dataset.large)) !== String(large)) await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-large', String(large));
}

test('at 32 bytes/row the ASCII column can be scrolled into view', async ({ page }) => {
  await openDemo(page, 'return-string');
  await page.getByTestId('bytes-per-row').selectOption('32');
  const grid = page.getByTestId('memory-grid');
  const lastAscii = grid.locator('[data-row-addr] .ascii').first();
  await grid.hover();
  await page.mouse.wheel(4000, 0);
  await expect.poll(async () => {
    const [g, a] = [await grid.boundingBox(), await lastAscii.boundingBox()];
    return !!g && !!a && a.x + a.width <= g.x + g.width + 1;
  }).toBe(true);
  // Back with Shift+wheel, the way a mouse without a tilt wheel does it.
  await page.keyboard.down('Shift');
  await page.mouse.wheel(0, -4000);
  await page.keyboard.up('Shift');
  await expect.poll(() => grid.evaluate((e) => e.scrollLeft)).toBe(0);
});

test('demo comments wrap in the sequence column instead of being cut', async ({ page }) => {
  await openDemo(page, 'return-string');
  const editor = page.getByTestId('sequence-text');
  expect(await editor.evaluate((e) => e.scrollWidth <= e.clientWidth + 1)).toBe(true);
  // The gutter's line numbers still sit beside their lines: line 20's number is level with it.
  const line = 20;
  const number = await page.getByTestId(`run-to-${line}`).boundingBox();
  const backdrop = await page.locator(`[data-testid="sequence-editor"] .bl[data-line="${line}"]`).boundingBox();
  expect(Math.abs(number!.y - backdrop!.y)).toBeLessThanOrEqual(2);
});

test('every drawn line number is level with its line, wrapped or not, in both font sizes', async ({ page }) => {
  await openDemo(page, 'c-struct');
  for (const large of [false, true]) {
    await setLarge(page, large);
    // Heights are computed for lines that cannot wrap and measured for the rest: compare them all.
    await expect.poll(async () => {
      const rows = await page.locator('.gutter-inner .gl').evaluateAll((gl) => gl.map((g) => [Number(g.getAttribute('data-line')), g.getBoundingClientRect().top]));
      const texts = new Map(await page.locator('.backdrop:not(.measure) .bl').evaluateAll((bl) => bl.map((b) => [Number(b.getAttribute('data-line')), b.getBoundingClientRect().top] as const)));
      return rows.length > 20 ? Math.max(...rows.map(([line, top]) => Math.abs(top! - (texts.get(line!) ?? Infinity)))) : Infinity;
    }, { message: `large ${large}` }).toBeLessThanOrEqual(1);
    // Scrolled to the end, the last line's backdrop ends where the textarea's text does: the
    // computed heights add up to the textarea's own.
    const editor = page.getByTestId('sequence-text');
    await editor.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect.poll(async () => {
      const box = await editor.evaluate((el) => el.getBoundingClientRect().top + el.clientHeight - 4);
      const last = await page.locator('.backdrop:not(.measure) .bl').last().evaluate((b) => b.getBoundingClientRect().bottom);
      return Math.abs(box - last);
    }, { message: `large ${large}, scrolled to the end` }).toBeLessThanOrEqual(1);
    await editor.evaluate((el) => (el.scrollTop = 0));
  }
});

test('focusing a breakpoint button keeps the gutter in line with the text', async ({ page }) => {
  await openDemo(page, 'return-string');
  const lines = (await page.getByTestId('sequence-text').inputValue()).split('\n').length;
  await page.getByTestId(`breakpoint-${lines - 1}`).focus();
  // The text follows the gutter's scroll on the next frame; on a loaded machine that frame can
  // come late, so wait for the two to line up (the defect was that they never did).
  await expect.poll(async () => {
    const number = await page.getByTestId(`run-to-${lines - 1}`).boundingBox();
    const backdrop = await page.locator(`[data-testid="sequence-editor"] .bl[data-line="${lines - 1}"]`).boundingBox();
    return Math.abs(number!.y - backdrop!.y);
  }).toBeLessThanOrEqual(2);
});

test('decoded WASI results are not cut off in the call log', async ({ page }) => {
  await openDemo(page, 'wasi-cat');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
  const rows = page.locator('[data-testid="import-row"] .text');
  await expect(rows.first()).toBeVisible();
  expect(await clipped(rows)).toEqual([]);
});

test('inspector values are whole in large-font mode', async ({ page }) => {
  await openDemo(page, 'return-string');
  await setLarge(page, true);
  try {
    await pressStep(page);
    await pressStep(page);
    await gotoAddress(page, 'ret');
    await expect(page.getByTestId('inspector-u64')).not.toHaveText('0');
    expect(await clipped(page.locator('[data-testid="value-inspector"] .v'))).toEqual([]);
  } finally {
    await setLarge(page, false);
  }
});

test('in a narrow window or a large font the toolbar wraps: no control covers another, and Reset takes its click', async ({ page }) => {
  await openDemo(page, 'c-struct');
  await pressStep(page);
  for (const [width, large] of [[900, false], [1100, false], [1280, true]] as const) {
    await page.setViewportSize({ width, height: 700 });
    await setLarge(page, large);
    expect(await toolbarOverlaps(page), `${width} px${large ? ', large font' : ''}`).toEqual([]);
  }
  await page.setViewportSize({ width: 900, height: 700 });
  await setLarge(page, false);
  await screenshot(page, 'toolbar-narrow');
  await page.getByTestId('reset-button').click({ timeout: 5000 });
  await expect(page.getByTestId('step-counter')).toContainText('step 0 /');
});

test('a terminated run\'s long message is ellipsised: the toolbar keeps one row from 1280 px wide, and at 900 px wraps without overlaps', async ({ page }) => {
  await openDemo(page, 'infinite-loop');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'terminated');
  const message = page.getByTestId('termination');
  await expect(message).toHaveAttribute('title', /time limit of \d+ ms; the worker was terminated/);
  // The message made the toolbar wrap at 1440 and 1400 px, the memory picker and Export… on a second row.
  const row = ['home-button', 'step-button', 'reset-button', 'state-badge', 'step-counter', 'termination', 'step-picker', 'export-button', 'font-toggle'];
  try {
    for (const width of [1280, 1400, 1440]) {
      await page.setViewportSize({ width, height: 800 });
      await expect.poll(() => offRow(page, row), `${width} px`).toEqual([]);
      const [text, picker] = [await message.boundingBox(), await page.getByTestId('step-picker').boundingBox()];
      expect(text!.width, `${width} px`).toBeGreaterThan(0);
      expect(text!.x + text!.width, `${width} px`).toBeLessThanOrEqual(picker!.x);
      expect(await message.evaluate(cut), `${width} px: the message is ellipsised`).toBe(true);
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(page, 'toolbar-terminated');
    await page.setViewportSize({ width: 900, height: 700 });
    expect(await toolbarOverlaps(page), '900 px').toEqual([]);
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
  }
});

test('a refused goto\'s message is ellipsised in the navigator bar, which keeps its one row', async ({ page }) => {
  await openDemo(page, 'c-struct');
  const bytes = Number(/^\d+/.exec((await page.getByTestId('memory-size').getAttribute('title')) ?? '')?.[0]);
  const bar = page.locator('div:has(> form > [data-testid="goto-input"])');
  const row = ['goto-input', 'goto-button', 'bytes-per-row', 'memory-size'];
  const heights = new Map<number, number>();
  for (const width of [1280, 1440]) {
    await page.setViewportSize({ width, height: 800 });
    heights.set(width, (await bar.boundingBox())!.height);
  }
  // One past the end: the message is long (where memory ends, in hex and decimal).
  await gotoAddress(page, `0x${bytes.toString(16)}`);
  const error = page.getByTestId('goto-error');
  await expect(error).toContainText('outside memory');
  await expect(error).toHaveAttribute('title', (await error.textContent())!);
  try {
    for (const width of [1280, 1440]) {
      await page.setViewportSize({ width, height: 800 });
      // It pushed "128 KiB · 2 pages" onto a second row.
      await expect.poll(() => offRow(page, [...row, 'goto-error']), `${width} px`).toEqual([]);
      expect((await bar.boundingBox())!.height, `${width} px: the bar's height`).toBe(heights.get(width));
      const [text, perRow] = [await error.boundingBox(), await page.getByTestId('bytes-per-row').boundingBox()];
      expect(text!.x + text!.width, `${width} px`).toBeLessThanOrEqual(perRow!.x);
      expect(await error.evaluate(cut), `${width} px: the message is ellipsised`).toBe(true);
    }
    await screenshot(page, 'goto-error-bar');
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
  }
});
