// Bookmarks with awkward names (e2e/testdata/page3-values.wat): 10,000 characters with no
// space, direction marks, quotes and a backslash; each goes into the sequence and back intact,
// is reachable from the keyboard, and survives a reload (it is a line of the sequence).

import { expect, test } from './test.ts';
import { gotoAddress, pressStep } from './helpers.ts';
import { openTestModule } from './out-edges.ts';

test('a 10,000-character name is cut to two lines, whole in its title, and the side column keeps its width', async ({ page }) => {
  await openTestModule(page, 'page3-values.wasm', ['fill()']);
  await pressStep(page);
  const side = page.locator('aside.side');
  const wide = await side.evaluate((e) => e.scrollWidth - e.clientWidth);
  await gotoAddress(page, '0x20');
  const long = 'x'.repeat(10_000);
  const tricky = '\u202eevil\u200f "q" \\ back';
  await page.getByRole('textbox', { name: 'Bookmark name' }).fill(long);
  await page.keyboard.press('Enter');
  await page.getByRole('textbox', { name: 'Bookmark name' }).fill(tricky);
  await page.keyboard.press('Enter');
  const items = page.getByTestId('bookmark');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toHaveAttribute('data-name', long);
  await expect(items.nth(1)).toHaveAttribute('data-name', tricky);
  // Before, the name's 10,000 x's made the side column (inspector, regions, heap) scroll sideways.
  expect(await side.evaluate((e) => e.scrollWidth - e.clientWidth)).toBe(wide);
  await expect(items.nth(0).locator('.name')).toHaveAttribute('title', long);
  expect((await items.nth(0).boundingBox())!.height).toBeLessThan(80);

  // From the keyboard: the × of the long one removes it, focus moves to the next ×.
  await page.getByRole('button', { name: `Remove bookmark ${long}` }).focus();
  await page.keyboard.press('Enter');
  await expect(items).toHaveCount(1);
  await expect(page.getByRole('button', { name: `Remove bookmark ${tricky}` })).toBeFocused();

  // Kept as a sequence line, it survives a reload with its name as typed.
  await page.reload();
  await expect(page.getByTestId('bookmark')).toHaveCount(1);
  await expect(page.getByTestId('bookmark')).toHaveAttribute('data-name', tricky);
});
