// The call log and the sequence column from the keyboard and as a screen reader hears them: rows
// named as steps with the current one marked, Up/Down between rows, a call's `→ ()` kept whole
// in a narrow log, and the Template row saying whether it is open.

import { expect, test, type Page } from './test.ts';
import { appUrl, openDemo, pressStep } from './helpers.ts';

test.beforeEach(async ({ page }) => {
  await page.goto(appUrl());
  await openDemo(page, 'return-string');
});

/** For every call row: whether its text from the arrow on (a short result) lies on one line. */
async function arrowsWhole(page: Page): Promise<{ text: string; lines: number }[]> {
  return page.getByTestId('call-row').evaluateAll((rows) => rows.map((row) => {
    const el = row.querySelector('.text')!;
    const text = el.textContent ?? '';
    const range = document.createRange();
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const nodes: Text[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
    const last = nodes.at(-1)!;
    const at = nodes.find((n) => n.data.includes('→'))!;
    range.setStart(at, at.data.indexOf('→'));
    range.setEnd(last, last.data.length);
    const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
    return { text, lines: tops.size };
  }));
}

test('in a narrow call log a call\'s arrow and short result stay on one line, `()` whole', async ({ page }) => {
  await pressStep(page);
  await pressStep(page);
  const splitter = page.getByRole('separator', { name: 'Resize call log' });
  await splitter.focus();
  // The call log sits right of the splitter: Right narrows it, to its least width.
  const least = await splitter.getAttribute('aria-valuemin');
  for (let i = 0; i < 60 && (await splitter.getAttribute('aria-valuenow')) !== least; i++) await page.keyboard.press('ArrowRight');
  await expect(splitter).toHaveAttribute('aria-valuenow', least!);
  const rows = await arrowsWhole(page);
  expect(rows.map((r) => r.text)).toEqual(['_initialize() → ()', 'malloc(8) → 0x10620', 'ReturnString(0x10620) → ()']);
  expect(rows.map((r) => r.lines)).toEqual([1, 1, 1]);
  await page.getByTestId('call-log').screenshot({ path: 'e2e/screenshots/keys-call-log-narrow.png' });
});

test('the call log\'s rows are named as steps, the current one marked; Up and Down go from row to row', async ({ page }) => {
  await pressStep(page);
  await pressStep(page);
  const first = page.getByRole('button', { name: /^step 1: ret = malloc\(8\), \d+ B changed/ });
  const second = page.getByRole('button', { name: /^step 2: ReturnString\(ret\)/ });
  await expect(first).toHaveCount(1);
  await expect(second).toHaveAttribute('aria-current', 'step');
  await expect(first).not.toHaveAttribute('aria-current', /.*/);

  await first.focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('call-row').and(page.locator('[data-export="malloc"]'))).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(first).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.locator('[data-testid="call-log"] .list button').last()).toBeFocused();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('call-row').and(page.locator('[data-export="_initialize"]'))).toBeFocused();
  // Enter on a row still does what a click does: memory after that step.
  await first.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('memory-view')).toHaveAttribute('data-step', '0');
});

test('the Template button says whether its row is open; Escape closes it and gives focus back', async ({ page }) => {
  const button = page.getByTestId('templates-button');
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  await page.getByTestId('template-kind').focus();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('templates')).toHaveCount(0);
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await expect(button).toBeFocused();
});

test('the sequence editor shows it has focus, and Escape then Tab moves on rather than indenting', async ({ page }) => {
  const box = page.locator('[data-testid="sequence-editor"] .text');
  const ring = () => box.evaluate((e) => getComputedStyle(e).boxShadow);
  expect(await ring()).toBe('none');
  await page.getByTestId('templates-button').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('sequence-text')).toBeFocused();
  expect(await ring()).toContain('inset');
  const text = await page.getByTestId('sequence-text').inputValue();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('sequence-text')).not.toBeFocused();
  await expect(page.getByTestId('sequence-text')).toHaveValue(text);
  expect(await ring()).toBe('none');
});

test('pressing the call log\'s last "Show earlier" (one step, said as one) with the keyboard leaves focus on the first step, not the page', async ({ page }) => {
  // 100 rounds of four steps and a malloc: 401, one more than the log draws, said as one
  // ("Show 1 earlier steps (1 not shown)" before).
  const lines = ['module "return-string.wasm"'];
  for (let i = 0; i < 100; i++) lines.push('ret = malloc(8)', 'ReturnString(ret)', 's = read {ptr: u32, len: u32} @ ret', 'free(ret)');
  lines.push('ret = malloc(8)');
  await page.getByTestId('sequence-text').evaluate((el, text) => {
    (el as HTMLTextAreaElement).value = text;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, lines.join('\n'));
  await expect(page.getByTestId('step-counter')).toContainText('step 0 / 401', { timeout: 20_000 });
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
  const earlier = page.getByTestId('call-log-earlier');
  await expect(earlier).toHaveText('Show 1 earlier step (1 not shown)');
  await earlier.focus();
  await page.keyboard.press('Enter');
  await expect(earlier).toHaveCount(0);
  await expect(page.locator('[data-testid="call-step"][data-step="0"] [data-testid="step-row"]')).toBeFocused();
});
