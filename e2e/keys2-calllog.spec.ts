// The call log's Home, End, PageUp and PageDown in a log drawn a window at a time (CallLog's
// LIST_WINDOW): Home and End reach the first and the last step, not the first and last drawn,
// focused and in view; the page keys at either end stay on a row. 1,000 steps are enough for
// a window (400 rows); long-10k.spec.ts runs 10,000.

import { expect, test, type Page } from './test.ts';
import { appUrl, openDemo } from './helpers.ts';

/** return-string's story `n` times (4n steps), run to its end. */
async function runRounds(page: Page, n: number): Promise<void> {
  const lines = ['module "return-string.wasm"'];
  for (let i = 0; i < n; i++) lines.push('r = malloc(8)', 'ReturnString(r)', 's = read {ptr: u32, len: u32} @ r', 'free(r)');
  await page.goto(appUrl());
  await openDemo(page, 'return-string');
  await page.getByTestId('sequence-text').evaluate((el, t) => {
    (el as HTMLTextAreaElement).value = t;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, lines.join('\n'));
  await expect(page.getByTestId('step-counter')).toContainText(`step 0 / ${4 * n}`, { timeout: 30_000 });
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
}

const stepRow = (page: Page, index: number) => page.locator(`[data-testid="call-step"][data-step="${index}"]`).getByTestId('step-row');
const focusedButton = (page: Page) => page.locator('[data-testid="call-log"] .list button:focus');

test('in a windowed call log Home reaches the first step and End the last, focused and in view; page keys at the ends stay on a row', async ({ page }) => {
  test.setTimeout(200_000);
  await runRounds(page, 250);
  const steps = page.getByTestId('call-step');
  await expect(steps).toHaveCount(400);
  await expect(steps.first()).toHaveAttribute('data-step', '600');

  // Home from the last row: the log is drawn from step 1 (the _initialize call over it, the list's
  // first row, takes focus); it went to that call with steps 1 to 600 not drawn.
  await stepRow(page, 999).focus();
  await page.keyboard.press('Home');
  await expect(steps.first()).toHaveAttribute('data-step', '0');
  await expect(steps).toHaveCount(400);
  await expect(page.getByTestId('call-log-earlier')).toHaveCount(0);
  await expect(page.getByTestId('call-log-later')).toHaveText('Show 400 later steps (600 not shown)');
  const init = page.getByTestId('init-call').getByTestId('call-row');
  await expect(init).toBeFocused();
  await expect(init).toBeInViewport();
  await expect(stepRow(page, 0)).toBeInViewport();
  // PageUp at the top stays there; Down reaches step 1.
  await page.keyboard.press('PageUp');
  await expect(init).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(stepRow(page, 0)).toBeFocused();

  // End from there: the latest steps again, the last step's last row focused and in view.
  await page.keyboard.press('End');
  await expect(steps.first()).toHaveAttribute('data-step', '600');
  await expect(page.getByTestId('call-log-later')).toHaveCount(0);
  const last = page.locator('[data-testid="call-step"][data-step="999"] button').last();
  await expect(last).toBeFocused();
  await expect(last).toBeInViewport();
  // PageDown at the bottom stays there.
  await page.keyboard.press('PageDown');
  await expect(last).toBeFocused();

  // A window around step 500 (Go to step), with rows hidden both sides.
  const goto = page.getByTestId('call-log-goto');
  await goto.fill('500');
  await goto.press('Enter');
  await expect(steps.first()).toHaveAttribute('data-step', '299');
  await expect(page.getByTestId('call-log-later')).toBeVisible();
  // PageUp from its first step goes up over "Show earlier" to the list's first row (both are in
  // view); PageDown from its last reaches "Show later", the last row.
  await stepRow(page, 299).focus();
  await page.keyboard.press('PageUp');
  await expect(init).toBeFocused();
  await page.locator('[data-testid="call-step"][data-step="698"] button').last().focus();
  await page.keyboard.press('PageDown');
  await expect(page.getByTestId('call-log-later')).toBeFocused();
  // Home from inside the window: the first step; End: the last.
  await stepRow(page, 499).focus();
  await page.keyboard.press('Home');
  await expect(steps.first()).toHaveAttribute('data-step', '0');
  await expect(init).toBeFocused();
  await stepRow(page, 10).focus();
  await page.keyboard.press('End');
  await expect(last).toBeFocused();
  await expect(last).toBeInViewport();
  await expect(focusedButton(page)).toHaveCount(1);
});
