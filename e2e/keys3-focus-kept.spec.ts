// Keyboard focus when the control that has it goes away with what it did: a demo card or Back to
// session (the start screen goes), the toolbar's Memscope button (the session goes under the
// start screen), the template row's Insert (the row closes). Focus fell to <body>, so the next
// Tab started again from the top of the page, or, on the start screen, from the theme toggle.

import { expect, test, type Page } from './test.ts';
import { fromStart } from './helpers.ts';

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? null);

test('the start screen and the session hand focus to each other, from a demo card on', async ({ page }) => {
  await fromStart(page);
  await page.locator('[data-testid="demo-card"][data-demo-id="return-string"]').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'ready');
  // The Memscope button, which opens the start screen again; Tab goes on to Step.
  await expect.poll(() => focusedId(page)).toBe('home-button');
  await page.keyboard.press('Tab');
  expect(await focusedId(page)).toBe('step-button');

  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('start-screen')).toBeVisible();
  await expect.poll(() => focusedId(page)).toBe('start-close');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('memory-view')).toBeVisible();
  await expect.poll(() => focusedId(page)).toBe('home-button');
});

test('a template inserted from the keyboard leaves focus on the Template button', async ({ page }) => {
  await fromStart(page);
  await page.locator('[data-testid="demo-card"][data-demo-id="return-string"]').click();
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'ready');
  const editor = page.getByTestId('sequence-text');
  const before = (await editor.inputValue()).length;
  await page.getByTestId('templates-button').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('template-insert').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('templates')).toHaveCount(0);
  await expect.poll(async () => (await editor.inputValue()).length).toBeGreaterThan(before);
  await expect.poll(() => focusedId(page)).toBe('templates-button');
});

for (const key of ['Enter', 'Escape']) {
  test(`the error bar dismissed with ${key} on its ✕ gives focus back where it came from`, async ({ page }) => {
    await fromStart(page);
    await page.locator('[data-testid="demo-card"][data-demo-id="return-string"]').click();
    await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'ready');
    await page.keyboard.press('F5');
    await expect(page.getByTestId('step-back-button')).toBeEnabled();
    // A step past the end is refused: the bar says why.
    await page.keyboard.press('F10');
    const bar = page.getByTestId('error-bar');
    await expect(bar).toBeVisible();
    await page.getByTestId('reset-button').focus();
    await bar.getByRole('button', { name: 'Dismiss' }).focus();
    await page.keyboard.press(key);
    await expect(bar).toHaveCount(0);
    await expect.poll(() => focusedId(page)).toBe('reset-button');
  });
}

test('Back to live pressed from the keyboard hands focus to the grid, now live', async ({ page }) => {
  await fromStart(page);
  await page.locator('[data-testid="demo-card"][data-demo-id="return-string"]').click();
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'ready');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('step-back-button')).toBeEnabled();
  // A step picked in the call log shows memory after it, under a banner with the way back.
  await page.getByTestId('step-row').first().focus();
  await page.keyboard.press('Enter');
  const live = page.getByTestId('back-to-live');
  await live.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('viewing-past-step')).toHaveCount(0);
  await expect(page.getByTestId('step-picker')).toHaveValue('-2');
  await expect.poll(() => focusedId(page)).toBe('memory-grid');
});
