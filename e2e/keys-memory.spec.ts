// The memory view's strips and search from the keyboard and as a screen reader hears them, in
// the web shell: the page minimap as a slider whose arrows pick a page and Enter goes there (it
// was a button whose Enter always went to page 0), the memory map bar as a labelled group of
// bands named with their ranges, and a search's count in a live region.
// Screenshot e2e/screenshots/keys-minimap-pick.png.

import { expect, test } from './test.ts';
import { appUrl, gotoAddress, openDemo, pressStep, screenshot } from './helpers.ts';

test.beforeEach(async ({ page }) => {
  await page.goto(appUrl());
  await openDemo(page, 'return-string');
});

test('the page minimap: the arrows pick a page, Enter goes to it, not to page 0', async ({ page }) => {
  await gotoAddress(page, '0x400');
  await expect(page.getByTestId('inspector-address')).toHaveText('at 0x00000400');
  const strip = page.getByRole('slider', { name: 'Pages in use' });
  await expect(strip).toHaveAttribute('aria-valuenow', '0');
  await expect(strip).toHaveAttribute('aria-valuemax', '1');
  await strip.focus();
  await expect(page.getByTestId('minimap-pick')).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(strip).toHaveAttribute('aria-valuenow', '1');
  await expect(strip).toHaveAttribute('aria-valuetext', /^page 1 of 0–1 at 0x00010000: /);
  await screenshot(page, 'keys-minimap-pick');
  // Picking does not go yet (walking the strip would fill the address history).
  await expect(page.getByTestId('inspector-address')).toHaveText('at 0x00000400');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('inspector-address')).toHaveText('at 0x00010000');
  await page.keyboard.press('Home');
  await expect(strip).toHaveAttribute('aria-valuenow', '0');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('inspector-address')).toHaveText('at 0x00000000');
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowRight');
  await expect(strip).toHaveAttribute('aria-valuenow', '1');
  // Focus is shown: the outline the other controls have.
  expect(await strip.evaluate((e) => getComputedStyle(e).outlineStyle)).toBe('solid');
});

test('the memory map bar is a labelled group whose bands say what and where they are', async ({ page }) => {
  await pressStep(page);
  const bar = page.getByRole('group', { name: 'Memory map' });
  await expect(bar).toBeVisible();
  await expect(bar.getByRole('button', { name: 'data .rodata: 0x00000400 … 0x0000040d (13 bytes)' })).toHaveCount(1);
  // A band with its word shown is named by that word first, then where it is.
  await expect(bar.getByRole('button', { name: /^stack.*: 0x[0-9a-f]{8} … 0x[0-9a-f]{8} \(\d+ bytes\)$/ }).first()).toBeVisible();
  await expect(bar.getByRole('button', { name: /^not described by the module: 0x00000000 … / })).toHaveCount(1);
});

test("a search's count and its not found are in a live region, there before the search", async ({ page }) => {
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
  const status = page.getByTestId('search-status');
  await expect(status).toHaveRole('status');
  await expect(status).toHaveText('');
  const input = page.getByTestId('search-input');
  await input.fill('hello');
  await input.press('Enter');
  await expect(status).toHaveText(/^1 of \d+$/);
  await page.getByTestId('search-next').press('Enter');
  await expect(status).toHaveText(/^2 of \d+$/);
  await input.fill('no such text anywhere');
  await input.press('Enter');
  await expect(status).toHaveText('not found');
});
