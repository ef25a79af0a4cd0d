// A long sequence (a few hundred steps): the run's steps are applied in batches and the editor's
// gutter redraws only the lines whose place changed, so check what those shortcuts must keep:
// the gutter marks exactly the lines that ran, the next line is followed into view, and the
// call log shows every step. The region list keeps the few live regions on top of the many freed;
// past 400 steps the call log and the memory picker draw the latest 400, and the call log's
// Go to step draws 400 around the step gone to.

import { expect, test, type Page } from './test.ts';
import { appUrl, openDemo, stepCount } from './helpers.ts';

/**
 * Opens return-string with its story `rounds` times (four step lines a round, after the module
 * line; each round leaks the string ReturnString allocated). The text arrives as one input
 * event, as a paste does (Playwright's fill types it line by line).
 */
async function openRounds(page: Page, rounds: number): Promise<void> {
  await page.goto(appUrl());
  await openDemo(page, 'return-string');
  const lines = ['module "return-string.wasm"'];
  for (let i = 0; i < rounds; i++) lines.push('ret = malloc(8)', 'ReturnString(ret)', 's = read {ptr: u32, len: u32} @ ret', 'free(ret)');
  await page.getByTestId('sequence-text').evaluate((el, text) => {
    (el as HTMLTextAreaElement).value = text;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, lines.join('\n'));
  await expect(page.getByTestId('step-counter')).toContainText(`step 0 / ${4 * rounds}`, { timeout: 20_000 });
}

test('a 400-step run stops at a far breakpoint with the gutter, the editor and the call log in step', async ({ page }) => {
  await openRounds(page, 100);

  // The gutter and the backdrop draw the lines near the view, not all 401.
  expect(await page.locator('.gutter-inner .gl').count()).toBeLessThan(150);
  expect(await page.locator('.backdrop:not(.measure) .bl').count()).toBeLessThan(150);
  await expect(page.getByTestId('breakpoint-302')).toHaveCount(0);
  // Line 302 is step 301 (line 1 is the module): scrolled to, a breakpoint there stops the run before it.
  const breakpoint = page.getByTestId('breakpoint-302');
  await expect.poll(async () => {
    await page.getByTestId('sequence-text').evaluate((el) => (el.scrollTop += 300));
    return breakpoint.count();
  }, { intervals: [50] }).toBe(1);
  await breakpoint.dispatchEvent('click');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('step-counter')).toContainText('step 300 / 400', { timeout: 60_000 });
  expect((await stepCount(page)).at).toBe(300);

  // The next line is marked and was scrolled into the editor's view.
  const marker = page.getByTestId('current-step-marker');
  await expect(marker).toHaveCount(1);
  await expect(page.locator('.gl', { has: marker }).getByTestId('run-to-302')).toHaveCount(1);
  await expect(marker).toBeInViewport();
  // The lines drawn around it: those that ran carry ✓ and cannot be run to again; the rest can.
  const rows = await page.locator('.gutter-inner .gl').evaluateAll((gl) => gl.map((g) => [Number(g.getAttribute('data-line')), g.querySelector('.mark')!.textContent] as const));
  expect(rows.length).toBeLessThan(150);
  expect(rows.length).toBeGreaterThan(80);
  for (const [line, mark] of rows) expect(mark, `line ${line}`).toBe(line === 1 || line > 302 ? '' : line === 302 ? '▶' : '✓');
  // Each drawn gutter row is level with its line in the backdrop.
  for (const line of [rows[0]![0], 302, rows.at(-1)![0]]) {
    const number = await page.getByTestId(`run-to-${line}`).boundingBox();
    const text = await page.locator(`.backdrop:not(.measure) .bl[data-line="${line}"]`).boundingBox();
    expect(Math.abs(number!.y - text!.y), `line ${line}`).toBeLessThanOrEqual(1);
  }
  await expect(page.getByTestId('run-to-301')).toBeDisabled();
  await expect(page.getByTestId('run-to-303')).toBeEnabled();
  // Scrolled back to the top, the first lines are drawn again, as they ran.
  await page.getByTestId('sequence-text').evaluate((el) => (el.scrollTop = 0));
  await expect(page.getByTestId('run-to-2')).toBeDisabled();
  await expect(page.locator('.gl[data-line="2"] .mark')).toHaveText('✓');

  // The call log has every step, the last one current and in view.
  await expect(page.getByTestId('call-step')).toHaveCount(300);
  const current = page.locator('[data-testid="call-step"][data-current="true"]');
  await expect(current).toHaveAttribute('data-step', '299');
  await expect(current).toBeInViewport();

  // 75 rounds made 150 regions (`ret` by malloc, `s` by the read), all freed by now: folded.
  const freed = page.getByTestId('freed-regions');
  await expect(freed.locator('summary')).toHaveText('150 freed');
  await expect(freed).not.toHaveAttribute('open');
  // Folded, they are not drawn; opened, they are, newest first, and stay open.
  await expect(freed.getByTestId('region-chip')).toHaveCount(0);
  await freed.locator('summary').click();
  await expect(freed.getByTestId('region-chip')).toHaveCount(150);
  await expect(freed.getByTestId('region-chip').first()).toHaveAttribute('data-region-name', 's');
  await expect(freed).toHaveAttribute('open');
  await expect(page.locator('.regions > ul [data-testid="region-chip"]')).toHaveCount(0);
  // After step 299 (the last round's read), its `ret` and `s` were live: listed first, as then.
  await page.locator('[data-testid="call-step"][data-step="298"] [data-testid="step-row"]').click();
  const live = page.locator('.regions > ul [data-testid="region-chip"]');
  await expect(live).toHaveCount(2);
  expect(await live.evaluateAll((chips) => chips.map((c) => `${c.getAttribute('data-region-name')} ${c.textContent?.includes('freed')}`))).toEqual(['ret false', 's false']);
  await expect(freed.locator('summary')).toHaveText('148 freed');
  await expect(freed.getByTestId('region-chip')).toHaveCount(148);
});

test('the call log and the memory picker offer the last 400 steps; the call log shows more on request', async ({ page }) => {
  await openRounds(page, 110);
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });

  const steps = page.getByTestId('call-step');
  await expect(steps).toHaveCount(400);
  await expect(steps.first()).toHaveAttribute('data-step', '40');
  const picker = page.getByTestId('step-picker');
  const stepOptions = picker.locator('option:not([disabled])');
  await expect(stepOptions).toHaveCount(401); // live and steps 41-440
  await expect(picker.locator('option[disabled]')).toHaveText('… 40 earlier steps: in the call log');

  const earlier = page.getByTestId('call-log-earlier');
  await expect(earlier).toHaveText('Show 40 earlier steps (40 not shown)');
  await earlier.click();
  await expect(steps).toHaveCount(440);
  await expect(earlier).toHaveCount(0);

  // Step 3, viewed from the call log, is offered by the picker too, above the window.
  await page.locator('[data-testid="call-step"][data-step="2"] [data-testid="step-row"]').click();
  await expect(picker).toHaveValue('2');
  await expect(stepOptions).toHaveCount(402);
  await expect(stepOptions.nth(1)).toHaveText(/^after step 3: /);
});

test('Go to step draws the call log around a step, views memory after it and scrolls to it; End and "Back to the current step" come back', async ({ page }) => {
  await openRounds(page, 110);
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  const goto = page.getByTestId('call-log-goto');
  const steps = page.getByTestId('call-step');
  // Past the end: refused, with the range in the message, and nothing moves.
  await goto.fill('441');
  await goto.press('Enter');
  expect(await goto.evaluate((el: HTMLInputElement) => el.validationMessage)).toBe('No step 441: the steps are 1 to 440');
  await expect(steps).toHaveCount(400);
  await expect(page.getByTestId('call-log-current')).toHaveCount(0);

  await goto.fill('3');
  await goto.press('Enter');
  const third = page.locator('[data-testid="call-step"][data-step="2"]');
  await expect(third).toHaveClass(/viewed/);
  await expect(third).toBeInViewport();
  await expect(page.getByTestId('step-picker')).toHaveValue('2');
  // 400 rows around step 3 (steps 1-400), not the 438 from it to the end that the window grown
  // back from the last step drew (from step 2 of 10,000: 9,999); the rest are under "Show later".
  await expect(steps).toHaveCount(400);
  await expect(steps.first()).toHaveAttribute('data-step', '0');
  await expect(steps.last()).toHaveAttribute('data-step', '399');
  await expect(page.getByTestId('call-log-earlier')).toHaveCount(0);
  const later = page.getByTestId('call-log-later');
  await expect(later).toHaveText('Show 40 later steps (40 not shown)');
  await expect(page.locator('[data-testid="call-step"][data-current="true"]')).toHaveCount(0);

  // "Back to the current step": the latest 400 again, the current step in view, memory live.
  const current = page.locator('[data-testid="call-step"][data-current="true"]');
  await page.getByTestId('call-log-current').click();
  await expect(steps).toHaveCount(400);
  await expect(steps.first()).toHaveAttribute('data-step', '40');
  await expect(current).toBeInViewport();
  await expect(page.getByTestId('step-picker')).toHaveValue('-2');
  await expect(later).toHaveCount(0);
  await expect(page.getByTestId('call-log-current')).toHaveCount(0);

  // End from a row of the window around step 3: the latest 400 again, focus on the last row's
  // last button, the current step in view; memory stays after step 3 (End moves focus only).
  await goto.fill('3');
  await goto.press('Enter');
  await expect(steps.first()).toHaveAttribute('data-step', '0');
  await third.getByTestId('step-row').focus();
  await page.keyboard.press('End');
  await expect(steps).toHaveCount(400);
  await expect(steps.first()).toHaveAttribute('data-step', '40');
  await expect(page.locator('[data-testid="call-log"] .list button').last()).toBeFocused();
  await expect(current).toBeInViewport();
  await expect(later).toHaveCount(0);
  await expect(page.getByTestId('step-picker')).toHaveValue('2');

  // Gone to again while viewed already: drawn around it again. "Show later" draws the rest,
  // and the log ends at the current step again (no "Show later", no way back needed).
  await goto.fill('3');
  await goto.press('Enter');
  await expect(steps.first()).toHaveAttribute('data-step', '0');
  await expect(third).toBeInViewport();
  await expect(steps).toHaveCount(400);
  await later.click();
  await expect(steps).toHaveCount(440);
  await expect(later).toHaveCount(0);
  await expect(page.getByTestId('call-log-current')).toHaveCount(0);
  // A step drawn already is scrolled to, nothing redrawn.
  await goto.fill('200');
  await goto.press('Enter');
  await expect(page.locator('[data-testid="call-step"][data-step="199"]')).toBeInViewport();
  await expect(steps).toHaveCount(440);
});

test('the heap panel and the freed regions draw 400 at a time, more on request', async ({ page }) => {
  await openRounds(page, 420);
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done', { timeout: 120_000 });

  // 420 strings leaked, in address order.
  await expect(page.getByTestId('heap-status')).toContainText('420 leaked');
  const blocks = page.locator('[data-testid="heap-block"][data-state="leaked"]');
  await expect(blocks).toHaveCount(400);
  const more = page.getByTestId('heap-more');
  await expect(more).toHaveText('Show 20 more blocks (20 not shown)');
  await more.click();
  await expect(blocks).toHaveCount(420);
  await expect(more).toHaveCount(0);
  const addresses = await blocks.evaluateAll((bs) => bs.map((b) => Number(b.getAttribute('data-address'))));
  expect(addresses).toEqual([...addresses].sort((a, b) => a - b));

  // 840 freed regions: folded, then the newest 400, then 400 more, then the last 40.
  const freed = page.getByTestId('freed-regions');
  await freed.locator('summary').click();
  const chips = freed.getByTestId('region-chip');
  await expect(chips).toHaveCount(400);
  const older = page.getByTestId('freed-more');
  await expect(older).toHaveText('Show 400 older (440 not shown)');
  await older.click();
  await expect(older).toHaveText('Show 40 older (40 not shown)');
  await older.click();
  await expect(chips).toHaveCount(840);
  await expect(older).toHaveCount(0);
});
