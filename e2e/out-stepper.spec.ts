// The stepper's words: F10 after the last step says the sequence has ended (not "usage"), a
// screen reader hears where a step landed without a flood while F10 is held, and "Show more
// writes" leaves the keyboard's focus in the call log.

import { expect, test } from './test.ts';
import { appUrl, openDemo, pressStep } from './helpers.ts';
import { openEdges } from './out-edges.ts';

test('F10 after the last step says the sequence has ended, not "usage"', async ({ page }) => {
  await openEdges(page, ['one()', 'two()']);
  await pressStep(page);
  await pressStep(page);
  await page.keyboard.press('F10');
  const bar = page.getByTestId('error-bar');
  await expect(bar.getByTestId('error-heading')).toHaveText('end of sequence');
  await expect(bar.getByTestId('error-message')).toHaveText('every step has run; reset to start again');
  // Still an error bar: Escape dismisses it.
  await page.keyboard.press('Escape');
  await expect(bar).toHaveCount(0);
});

test("the Trace writes box stays ticked when turning tracing off is refused (the sequence's watch needs it)", async ({ page }) => {
  await openEdges(page, ['watch w @ 0x100 [4]', 'one()']);
  const box = page.getByTestId('trace-writes');
  await expect(box).toBeChecked();
  await box.click();
  await expect(page.getByTestId('error-bar').getByTestId('error-message')).toContainText("the sequence's watch on line 2 needs write tracing, so it stays on");
  await expect(box).toBeChecked();
});

test('a screen reader hears where each step landed, and holding F10 does not read out every step', async ({ page }) => {
  await openEdges(page, Array.from({ length: 30 }, () => 'one()'));
  const live = page.getByTestId('step-announce');
  await expect(live).toHaveAttribute('aria-live', 'polite');
  await pressStep(page);
  await expect(live).toHaveText(/^step 1 of 30, /);
  await page.evaluate(() => {
    const w = window as unknown as { said: string[] };
    w.said = [];
    const el = document.querySelector('[data-testid=step-announce]')!;
    new MutationObserver(() => w.said.push(el.textContent ?? '')).observe(el, { subtree: true, childList: true, characterData: true });
  });
  const started = Date.now();
  for (let i = 0; i < 29; i++) await page.keyboard.press('F10');
  await expect(page.getByTestId('step-counter')).toContainText('step 30 / 30');
  await expect(live).toHaveText(/^step 30 of 30, /);
  const said = await page.evaluate(() => (window as unknown as { said: string[] }).said);
  // At most one a second (and the last), not one for each of the 29 steps.
  expect(said.length).toBeLessThanOrEqual(Math.ceil((Date.now() - started) / 1000) + 1);
  expect(said.length).toBeLessThan(29);
});

test('"Show more writes" pressed from the keyboard leaves focus in the call log, not on the page', async ({ page }) => {
  await page.goto(appUrl());
  await openDemo(page, 'heap-stack');
  await page.getByTestId('sequence-text').fill('module "stack.wasm"\nwatch stack @ 0x10000 [0x600]\nwatch last @ 0x100ff [1] stop\nd = deepest(20)\n');
  await expect(page.getByTestId('step-counter')).toContainText('step 0 / 3');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'paused', { timeout: 30_000 });
  const more = page.getByTestId('writes-more');
  await expect(more).toHaveText('Show 316 more writes (316 not shown)');
  await more.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('write-row')).toHaveCount(336);
  await expect(more).toHaveCount(0);
  // Before, focus fell to the body and the next Tab started at the top of the page.
  expect(await page.evaluate(() => document.activeElement !== document.body && !!document.activeElement?.closest('[data-testid=call-log]'))).toBe(true);
});
