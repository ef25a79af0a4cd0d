// Typing in a long sequence. Each keystroke laid out every line that may wrap in the editor's
// measurer (1,600 rows a key in this 4,000-line sequence, 100 ms and more), and threw the view
// back to the next step's line at the top: the "keep the next line in view" effect re-ran with
// the line places, which change with every keystroke and every measurement. Counted in rows
// written and scroll positions, never in time.

import { expect, test, type Page } from './test.ts';
import { appUrl, openDemo } from './helpers.ts';

/** return-string's story 800 times, each round opened by a comment long enough to wrap: 4,001 lines, 3,200 steps. */
async function openLong(page: Page): Promise<void> {
  await page.goto(appUrl());
  await openDemo(page, 'return-string');
  const lines = ['module "return-string.wasm"'];
  for (let i = 0; i < 800; i++) {
    lines.push(`# round ${i}: allocate eight bytes, let ReturnString fill in a pointer and a length, read them back as a struct, then free the block`);
    lines.push('ret = malloc(8)', 'ReturnString(ret)', 's = read {ptr: u32, len: u32} @ ret', 'free(ret)');
  }
  // One input event, as a paste does.
  await page.getByTestId('sequence-text').evaluate((el, text) => {
    (el as HTMLTextAreaElement).value = text;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, lines.join('\n'));
  await expect(page.getByTestId('step-counter')).toContainText('step 0 / 3200', { timeout: 30_000 });
}

/** Counts the rows written into the editor's measurer (added, or their text changed) from now on. */
async function countMeasured(page: Page): Promise<void> {
  await page.locator('.measure').evaluate((el) => {
    const w = window as unknown as { measuredRows: number };
    w.measuredRows = 0;
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'characterData') w.measuredRows++;
        else for (const n of r.addedNodes) if (n instanceof HTMLElement && n.classList.contains('bl')) w.measuredRows++;
      }
    }).observe(el, { childList: true, subtree: true, characterData: true });
  });
}

const measuredRows = (page: Page) => page.evaluate(() => (window as unknown as { measuredRows: number }).measuredRows);

/** Waits until the measurer is empty (what it held is measured) and work left for after the next paint has run. */
async function settle(page: Page): Promise<void> {
  await expect(page.locator('.measure .bl')).toHaveCount(0);
  for (let i = 0; i < 2; i++) await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
}

test('typing far down a 4,000-line sequence lays out only the line typed into, and the view stays there', async ({ page }) => {
  await openLong(page);
  const editor = page.getByTestId('sequence-text');
  await settle(page);
  await countMeasured(page);

  // Far from the next step's line (2): a round's comment line in the middle of the view.
  await editor.evaluate((el) => (el.scrollTop = 30_000));
  const middle = await editor.evaluate((el) => el.getBoundingClientRect().top + el.clientHeight / 2);
  const commentAt = async () => {
    const drawn = await page.locator('.gutter-inner .gl').evaluateAll((gl, y) => gl.filter((g) => g.getBoundingClientRect().top >= y).map((g) => Number(g.getAttribute('data-line'))), middle);
    return drawn.find((l) => (l - 2) % 5 === 0) ?? 0;
  };
  // The gutter draws the lines there once the scroll has come through.
  await expect.poll(commentAt).toBeGreaterThan(500);
  const line = await commentAt();
  // Scrolling there measured nothing again and the view stayed: the gutter, as wide as the
  // numbers drawn, widened past line 1,000, which narrowed the text, so every line that may wrap
  // was measured again and the new places threw the view back to line 2.
  await settle(page);
  expect(await measuredRows(page)).toBe(0);
  expect(await editor.evaluate((el) => el.scrollTop)).toBe(30_000);
  await editor.evaluate((el: HTMLTextAreaElement, n) => {
    const end = el.value.split('\n').slice(0, n).join('\n').length;
    el.focus();
    el.setSelectionRange(end, end);
  }, line);
  await page.keyboard.type('abc');
  expect(await editor.evaluate((el: HTMLTextAreaElement, n) => el.value.split('\n')[n - 1], line)).toMatch(/free the blockabc$/);
  await settle(page);

  // At most the edited line, once a key (it laid out all 1,600 lines that may wrap, each key).
  const typed = await measuredRows(page);
  expect(typed).toBeGreaterThan(0);
  expect(typed).toBeLessThanOrEqual(3);
  // The view stayed on the typing (it jumped to the top, to line 2).
  expect(await editor.evaluate((el) => el.scrollTop)).toBeGreaterThan(25_000);
  await expect(page.locator(`.backdrop:not(.measure) .bl[data-line="${line}"]`)).toBeInViewport();

  // A short line typed into until it wraps: measured alone, and its number takes its new height.
  const short = line + 1;
  await editor.evaluate((el: HTMLTextAreaElement, n) => {
    const end = el.value.split('\n').slice(0, n).join('\n').length;
    el.setSelectionRange(end, end);
  }, short);
  await page.keyboard.insertText(`   # ${'y'.repeat(150)}`);
  await settle(page);
  expect(await measuredRows(page) - typed).toBe(1);
  const number = await page.locator(`.gl[data-line="${short}"]`).boundingBox();
  const text = await page.locator(`.backdrop:not(.measure) .bl[data-line="${short}"]`).boundingBox();
  expect(text!.height).toBeGreaterThan(40);
  expect(Math.abs(number!.height - text!.height)).toBeLessThanOrEqual(1);
  expect(Math.abs(number!.y - text!.y)).toBeLessThanOrEqual(1);
});
