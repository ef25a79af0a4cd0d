// A 10,000-step sequence and a 100,000-character line in the page. The call log (CallLog.svelte,
// the page's step list) draws a window of the latest steps, whatever the run's length; these
// check what that window must keep: the rows drawn are counted (no timing), Go to step draws
// 400 around the step it reaches, the keys move among rows, and the current step is in view
// after F10 and after stepping back. Checks are counts and states, never times: a slow machine only waits longer.

import { expect, test, type Page } from './test.ts';
import { pressStep, stepCount } from './helpers.ts';
import { openText, rounds } from './long-text.ts';

const current = (page: Page) => page.locator('[data-testid="call-step"][data-current="true"]');

test('a 10,000-step run: the call log draws 400 rows, goes to steps 2 and 9,000 with 400 around each, moves by keys and follows F10 and Back', async ({ page }) => {
  test.setTimeout(300_000);
  await openText(page, rounds(2500), 10_000);
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done', { timeout: 240_000 });
  expect(await stepCount(page)).toEqual({ at: 10_000, total: 10_000 });

  // The window: the latest 400 of 10,000, the last one current and in view.
  const steps = page.getByTestId('call-step');
  await expect(steps).toHaveCount(400);
  await expect(steps.first()).toHaveAttribute('data-step', '9600');
  await expect(current(page)).toHaveAttribute('data-step', '9999');
  await expect(current(page)).toBeInViewport();
  await expect(page.getByTestId('call-log-earlier')).toHaveText('Show 400 earlier steps (9600 not shown)');
  // The editor's gutter draws the lines near the view, not 10,001.
  expect(await page.locator('.gutter-inner .gl').count()).toBeLessThan(200);

  // Home and End move among the drawn rows' buttons (Home to the first, the reactor's
  // _initialize call over the window), and the button reached is in view.
  await page.getByTestId('step-row').last().focus();
  await page.keyboard.press('Home');
  const first = page.getByTestId('init-call').getByTestId('call-row');
  await expect(first).toBeFocused();
  await expect(first).toBeInViewport();
  await page.keyboard.press('End');
  await expect(page.locator('[data-testid="call-log"] .list button:not(:disabled)').last()).toBeFocused();
  await expect(page.locator('[data-testid="call-log"] .list button:focus')).toBeInViewport();

  // Go to step 2: the log draws the 400 steps around it (steps 1-400), not the 9,999 from it to
  // the end (ten seconds of the page's work); the rest are under "Show later".
  const goto = page.getByTestId('call-log-goto');
  await goto.fill('2');
  await goto.press('Enter');
  const second = page.locator('[data-testid="call-step"][data-step="1"]');
  await expect(second).toHaveClass(/viewed/);
  await expect(second).toBeInViewport();
  await expect(steps).toHaveCount(400);
  await expect(steps.first()).toHaveAttribute('data-step', '0');
  await expect(page.getByTestId('call-log-later')).toHaveText('Show 400 later steps (9600 not shown)');
  await expect(page.getByTestId('call-log-earlier')).toHaveCount(0);
  // End from its row: the latest 400 again, the current step in view.
  await second.getByTestId('step-row').focus();
  await page.keyboard.press('End');
  await expect(steps.first()).toHaveAttribute('data-step', '9600');
  await expect(steps).toHaveCount(400);
  await expect(current(page)).toBeInViewport();

  // Go to step 9,000 (a `free(r)`): 400 rows around it, viewed and in view; memory is as after it.
  await goto.fill('9000');
  await goto.press('Enter');
  const far = page.locator('[data-testid="call-step"][data-step="8999"]');
  await expect(far).toHaveClass(/viewed/);
  await expect(far).toBeInViewport();
  await expect(far.getByTestId('step-row')).toContainText('free(r)');
  await expect(page.getByTestId('step-picker')).toHaveValue('8999');
  await expect(steps).toHaveCount(400);
  await expect(steps.first()).toHaveAttribute('data-step', '8799');
  await expect(page.getByTestId('call-log-earlier')).toHaveText('Show 400 earlier steps (8799 not shown)');
  await expect(page.getByTestId('call-log-later')).toHaveText('Show 400 later steps (801 not shown)');
  // "Show earlier" over a window around a step draws 400 more above it.
  await page.getByTestId('call-log-earlier').click();
  await expect(steps).toHaveCount(800);
  await expect(steps.first()).toHaveAttribute('data-step', '8399');

  // Back (Shift+F10) from the end: the list is cut to 9,999 and the new last step is current, in view.
  await page.keyboard.press('Shift+F10');
  await expect(page.getByTestId('step-counter')).toContainText('step 9999 / 10000', { timeout: 120_000 });
  await expect(current(page)).toHaveAttribute('data-step', '9998');
  await expect(current(page)).toBeInViewport();
  await expect(page.locator('[data-testid="call-step"][data-step="9999"]')).toHaveCount(0);
  // The window Go to step drew (grown by Show earlier) is drawn back to the latest 400 once a
  // step moves: it was kept, so every later F10 and Back redrew all its rows.
  await expect(steps).toHaveCount(400);
  // Forward again (F10): step 10,000 comes back, current and in view.
  await pressStep(page);
  await expect(current(page)).toHaveAttribute('data-step', '9999');
  await expect(current(page)).toBeInViewport();
  await expect(current(page).getByTestId('step-row')).toContainText('free(r)');
  await expect(steps).toHaveCount(400);
});

test('a step with a 100,000-character line runs; the call log and the editor stay in step past it', async ({ page }) => {
  const long = 'x'.repeat(100_000);
  const text = ['module "return-string.wasm"', 'p = malloc(100000)', `write utf8 "${long}" @ p`, 't = read utf8 @ p [100000]', `free(p)   # ${long}`, 'r = malloc(8)'].join('\n');
  await openText(page, text, 5);
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  expect(await stepCount(page)).toEqual({ at: 5, total: 5 });
  await expect(page.getByTestId('call-step')).toHaveCount(5);
  await expect(current(page)).toHaveAttribute('data-step', '4');
  await expect(current(page)).toBeInViewport();
  // The long binding is shown cut (60 characters), its whole text in the title.
  const bound = page.locator('[data-testid="bound-value"][data-name="t"]');
  expect(((await bound.textContent()) ?? '').length).toBeLessThan(100);
  // Every step ran ✓ in the gutter; the gutter's rows are level with the backdrop's lines.
  for (const line of [2, 3, 4, 5, 6]) {
    await expect(page.locator(`.gl[data-line="${line}"] .mark`)).toHaveText('✓');
    const number = await page.getByTestId(`run-to-${line}`).boundingBox();
    const back = await page.locator(`.backdrop:not(.measure) .bl[data-line="${line}"]`).boundingBox();
    expect(Math.abs(number!.y - back!.y), `line ${line}`).toBeLessThanOrEqual(1);
  }
});
