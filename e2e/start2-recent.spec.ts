// The start screen as a newcomer meets it: a recent demo that this Memscope no longer bundles
// (renamed or removed since it was opened) said nothing when clicked, and the keyboard path
// from the page's top to a demo (Tab, Enter) opens it.

import { expect, test } from './test.ts';
import { appUrl } from './helpers.ts';

test.beforeEach(async ({ page }) => {
  await page.goto(appUrl());
  await expect(page.getByTestId('start-screen').or(page.getByTestId('memory-view'))).toBeVisible();
  if (!(await page.getByTestId('start-screen').isVisible())) await page.getByTestId('home-button').click();
  await expect(page.getByTestId('start-screen')).toBeVisible();
});

test('a recent demo no longer bundled is marked so, and a click says why it does not open', async ({ page }) => {
  await page.evaluate(() => localStorage.setItem('memscope.recent', JSON.stringify([
    { kind: 'demo', id: 'gone-demo', title: 'A demo since removed', when: 1 },
    { kind: 'demo', id: 'trap', title: 'Trap', when: 2 },
  ])));
  await page.reload();
  await expect(page.getByTestId('start-screen').or(page.getByTestId('memory-view'))).toBeVisible();
  if (!(await page.getByTestId('start-screen').isVisible())) await page.getByTestId('home-button').click();

  const notes = page.getByTestId('recent-note');
  await expect(notes.nth(0)).toHaveText('demo (no longer bundled)');
  await expect(notes.nth(1)).toHaveText('demo');
  await page.getByTestId('recent-item').nth(0).click();
  await expect(page.getByTestId('error-bar')).toContainText('the demo "A demo since removed" (gone-demo) is not among this Memscope\'s bundled demos');
  await expect(page.getByTestId('start-screen')).toBeVisible();

  // One still bundled opens as before.
  await page.getByTestId('recent-item').nth(1).click();
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('sequence-name')).toHaveText('trap.wseq');
});

test('from the top, Tab reaches Open module…, then the demos; Enter opens the focused one', async ({ page }) => {
  await page.evaluate(() => localStorage.removeItem('memscope.recent'));
  await page.reload();
  await expect(page.getByTestId('start-screen').or(page.getByTestId('memory-view'))).toBeVisible();
  if (!(await page.getByTestId('start-screen').isVisible())) await page.getByTestId('home-button').click();
  const focused = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid ?? '');
  const order: string[] = [];
  for (let i = 0; i < 8 && !order.includes('demo-card'); i++) {
    await page.keyboard.press('Tab');
    order.push(await focused());
  }
  const open = order.indexOf('open-module');
  expect(open, order.join(', ')).toBeGreaterThanOrEqual(0);
  expect(order.indexOf('open-image'), order.join(', ')).toBe(open + 1);
  expect(order.at(-1), order.join(', ')).toBe('demo-card');
  const id = await page.evaluate(() => (document.activeElement as HTMLElement).dataset.demoId);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('sequence-name')).toContainText('.wseq');
  expect(id).toBeTruthy();
});
