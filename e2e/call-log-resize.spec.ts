// The call log's width is the person's to choose: a splitter dragged with the mouse or moved with
// the keyboard (an ARIA separator with its value), clamped so neither the call log nor the grid
// collapses (also when the window shrinks), remembered across reloads (as the other panes'
// sizes are), and the grid keeps drawing the right bytes at its new width.

import { expect, test, type Locator, type Page } from './test.ts';
import { appUrl, clickGridByte, gridAscii, gridByteText, openDemo, pressStep, screenshot } from './helpers.ts';
import { canvasMatchesRows } from './grid-pixels.ts';

test.use({ viewport: { width: 1280, height: 800 } });

const splitter = (page: Page) => page.getByRole('separator', { name: 'Resize call log' });
const width = async (el: Locator) => (await el.boundingBox())!.width;
const logWidth = (page: Page) => width(page.getByTestId('call-log'));
const value = async (page: Page) => Number(await splitter(page).getAttribute('aria-valuenow'));

/** Presses the splitter's middle; `to(dx)` moves the pointer dx pixels sideways of the press. */
async function press(page: Page): Promise<{ to: (dx: number) => Promise<void>; release: () => Promise<void> }> {
  const box = (await splitter(page).boundingBox())!;
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.move(x, y);
  await page.mouse.down();
  return { to: (dx) => page.mouse.move(x + dx, y, { steps: 4 }), release: () => page.mouse.up() };
}

async function dragBy(page: Page, dx: number): Promise<void> {
  const held = await press(page);
  await held.to(dx / 2);
  await held.to(dx);
  await held.release();
}

/** The call log is as wide as the splitter says, to the pixel. */
async function expectWidth(page: Page, px: number): Promise<void> {
  await expect.poll(() => value(page)).toBe(px);
  await expect.poll(async () => Math.round(await logWidth(page))).toBe(px);
}

test.beforeEach(async ({ page }) => {
  await page.goto(appUrl());
  await openDemo(page, 'return-string');
});

test('dragging the splitter widens the call log, and the grid still draws the right bytes', async ({ page }) => {
  for (let i = 0; i < 3; i++) await pressStep(page);
  const grid = page.getByTestId('memory-grid');
  const before = { ascii: await gridAscii(page), width: await width(grid) };
  const start = await value(page);
  expect(Math.round(await logWidth(page))).toBe(start);

  // While the button is held, the grid already draws the right bytes at its width.
  const held = await press(page);
  await held.to(-100);
  await expectWidth(page, start + 100);
  await expect.poll(() => gridAscii(page)).toBe(before.ascii);
  await canvasMatchesRows(page, grid, 'mid-drag: ');
  await held.to(-200);
  await held.release();
  await expectWidth(page, start + 200);
  // The grid gave up those pixels, shows the same bytes, and its canvas was redrawn at its new
  // width: what it paints is what its rows hold.
  await expect.poll(async () => Math.round(before.width - (await width(grid)))).toBe(200);
  await expect.poll(() => gridAscii(page)).toBe(before.ascii);
  await expect.poll(() => grid.evaluate((g) => Math.round(parseFloat(g.querySelector('canvas')!.style.width)) === g.scrollWidth)).toBe(true);
  await canvasMatchesRows(page, grid);

  // It keeps working there: a click selects the byte under the pointer.
  const first = Number(await page.getByTestId('changed-byte').first().getAttribute('data-addr'));
  await clickGridByte(page, first);
  await expect(page.getByTestId('inspector-address')).toContainText(first.toString(16));
  expect(await gridByteText(page, first)).toMatch(/^[0-9a-f]{2}$/);

  await dragBy(page, 120);
  await expectWidth(page, start + 80);
  await canvasMatchesRows(page, grid);
});

test('the splitter moves with the keyboard and Home, End or a double-click reset it', async ({ page }) => {
  const sep = splitter(page);
  const start = await value(page);
  await expect(sep).toHaveAttribute('aria-orientation', 'vertical');
  expect(Number(await sep.getAttribute('aria-valuemin'))).toBeLessThan(start);
  expect(Number(await sep.getAttribute('aria-valuemax'))).toBeGreaterThan(start);
  await sep.focus();
  await expect(sep).toBeFocused();
  // The splitter moves the way the arrow points: left widens the call log (on the right).
  await page.keyboard.press('ArrowLeft');
  await expectWidth(page, start + 16);
  await page.keyboard.press('Shift+ArrowLeft');
  await expectWidth(page, start + 80);
  await page.keyboard.press('ArrowRight');
  await expectWidth(page, start + 64);
  await page.keyboard.press('Home');
  await expectWidth(page, start);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('End');
  await expectWidth(page, start);
  await dragBy(page, -150);
  await expectWidth(page, start + 150);
  await sep.dblclick();
  await expectWidth(page, start);
});

test('the chosen width is kept across a reload, and a reset forgets it', async ({ page }) => {
  const start = await value(page);
  await dragBy(page, -180);
  await expectWidth(page, start + 180);
  await page.reload();
  await expect(page.getByTestId('memory-view')).toBeVisible();
  await expectWidth(page, start + 180);
  await splitter(page).dblclick();
  await expectWidth(page, start);
  await page.reload();
  await expect(page.getByTestId('memory-view')).toBeVisible();
  await expectWidth(page, start);
});

test('the terminal\'s and the module panel\'s heights and the sequence column\'s width are kept across a reload too', async ({ page }) => {
  const sizes = ['Resize terminal', 'Resize module panel', 'Resize sequence column'].map((name) => page.getByRole('separator', { name }));
  const now = () => Promise.all(sizes.map(async (s) => Number(await s.getAttribute('aria-valuenow'))));
  const before = await now();
  // Up makes the terminal (below its bar) taller, Up the module panel (below its bar) taller, Right the sequence column wider.
  for (const [s, key] of [[sizes[0]!, 'Shift+ArrowUp'], [sizes[1]!, 'Shift+ArrowUp'], [sizes[2]!, 'Shift+ArrowRight']] as const) {
    await s.focus();
    await page.keyboard.press(key);
  }
  const chosen = before.map((px) => px + 64);
  await expect.poll(now).toEqual(chosen);
  expect((await page.getByTestId('terminal').boundingBox())!.height).toBeGreaterThan(before[0]! + 40);
  await page.reload();
  await expect(page.getByTestId('memory-view')).toBeVisible();
  await expect.poll(now).toEqual(chosen);
  // Home gives each its default back, and the reload after forgets the choice.
  for (const s of sizes) {
    await s.focus();
    await page.keyboard.press('Home');
  }
  await expect.poll(now).toEqual(before);
  await page.reload();
  await expect(page.getByTestId('memory-view')).toBeVisible();
  await expect.poll(now).toEqual(before);
});

test('neither the call log nor the grid collapses, also when the window shrinks', async ({ page }) => {
  const sep = splitter(page);
  const main = page.locator('main.center');
  const [min, max] = [Number(await sep.getAttribute('aria-valuemin')), Number(await sep.getAttribute('aria-valuemax'))];
  expect(min).toBeGreaterThanOrEqual(180);
  await dragBy(page, 2000);
  await expectWidth(page, min);
  await dragBy(page, -3000);
  await expectWidth(page, max);
  expect(Math.round(await width(main))).toBeGreaterThanOrEqual(420);

  // A smaller window takes the room from the call log, never below its minimum, and gives it
  // back when the window grows again: the chosen width is a wish the window bounds.
  await page.setViewportSize({ width: 1000, height: 700 });
  await expect.poll(async () => Math.round(await width(main))).toBeGreaterThanOrEqual(420);
  const narrow = await value(page);
  expect(narrow).toBeLessThan(max);
  expect(narrow).toBeGreaterThanOrEqual(min);
  await expectWidth(page, narrow);
  expect(Number(await sep.getAttribute('aria-valuemax'))).toBe(narrow);
  await page.setViewportSize({ width: 1280, height: 800 });
  await expectWidth(page, max);
});

test('a step label cut off by a narrow call log shows its whole text on hover', async ({ page }) => {
  for (let i = 0; i < 5; i++) await pressStep(page);
  const labels = page.locator('[data-testid="step-row"] .src');
  const cut = await labels.evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => [e.textContent, e.getAttribute('title')]));
  expect(cut.length).toBeGreaterThan(0);
  for (const [text, title] of cut) expect(title).toBe(text);
  // Bound values end in an ellipsis too: their tooltip holds the whole value.
  const bound = await page.getByTestId('bound-value').evaluateAll((els) => els.map((e) => [e.textContent, e.getAttribute('title')]));
  expect(bound.length).toBeGreaterThan(0);
  for (const [text, title] of bound) expect(title).toBe(text);
  // Widened, the same labels are whole.
  await dragBy(page, -300);
  await page.mouse.move(0, 0);
  await expect.poll(() => labels.evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).length)).toBe(0);
  for (const theme of ['dark', 'light']) {
    await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
    await screenshot(page, `call-log-wide-${theme}`);
  }
});
