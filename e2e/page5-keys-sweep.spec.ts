// Every key of the page's list (shortcuts.ts PAGE_KEYS, the README's key table) acts the same
// wherever focus is on the session page: the sequence editor, the memory grid, the call log and
// the Output terminal. Characters typed in the editor step nothing.

import type { Page } from '@playwright/test';
import { expect, test } from './test.ts';
import { appUrl, openDemo, stepCount } from './helpers.ts';

const PLACES: [string, (page: Page) => Promise<void>][] = [
  ['sequence editor', (page) => page.getByTestId('sequence-text').focus()],
  ['memory grid', (page) => page.getByTestId('memory-grid').focus()],
  ['call log', (page) => page.locator('#call-log-pane .list button').first().focus()],
  ['terminal', (page) => page.locator('[data-testid="terminal-screen"] textarea').focus()],
];

for (const [place, focus] of PLACES) {
  test(`the listed keys act with focus in the ${place}`, async ({ page }) => {
    await page.goto(appUrl());
    await openDemo(page, 'return-string');
    const counter = page.getByTestId('step-counter');
    const { total } = await stepCount(page);
    await page.keyboard.press('F5');
    await expect(counter).toContainText(`step ${total} /`);
    await focus(page);
    const focused = () => page.evaluate(() => document.activeElement?.tagName ?? '');
    const before = await focused();
    await page.keyboard.press('Shift+F10');
    await expect(counter).toContainText(`step ${total - 1} /`);
    await page.keyboard.press('F10');
    await expect(counter).toContainText(`step ${total} /`);
    await page.keyboard.press('Alt+F5');
    await expect(counter).toContainText('step 0 /');
    await page.keyboard.press('F10');
    await expect(counter).toContainText('step 1 /');
    const font = page.getByTestId('font-toggle');
    await page.keyboard.press('Control+=');
    await expect(font).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('Control+-');
    await expect(font).toHaveAttribute('aria-pressed', 'false');
    const download = page.waitForEvent('download');
    await page.keyboard.press('Control+s');
    expect((await download).suggestedFilename()).toBe('return-string.wseq');
    if (place === 'sequence editor') {
      await page.keyboard.press('End');
      await page.keyboard.type(' #x');
      await expect(page.getByTestId('sequence-text')).toHaveValue(/ #x/);
      expect((await stepCount(page)).at).toBe(1);
    }
    await page.keyboard.press('Control+Shift+F5');
    await expect(counter).toContainText('step 0 /');
    expect(await focused(), 'focus stayed where it was').toBe(before);
  });
}
