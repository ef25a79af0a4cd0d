// The value inspector at the edges of memory (e2e/testdata/page3-values.wat): the last bytes of
// memory (a u64 at size-4, a character cut off by the end), address 0 in both byte orders from
// the keyboard, a NaN's sign and payload, and a selection left past the end by a step back over
// a grow.

import { expect, test, type Page } from './test.ts';
import { gotoAddress, pressStep } from './helpers.ts';
import { openTestModule } from './out-edges.ts';

async function openValues(page: Page, steps: string[]): Promise<void> {
  await openTestModule(page, 'page3-values.wasm', steps);
  for (let i = 0; i < steps.length; i++) await pressStep(page);
}

const shows = (page: Page, kind: string) => expect(page.getByTestId(`inspector-${kind}`));

test('the last bytes of memory: what fits is decoded, a u64 past the end is not, a character cut off by the end says so', async ({ page }) => {
  await openValues(page, ['fill()']);
  // ef be e2 82: the last 4 bytes of the one page.
  await gotoAddress(page, '0xfffc');
  await expect(page.getByTestId('inspector-address')).toHaveText('at 0x0000fffc');
  await shows(page, 'u32').toHaveText('2195898095');
  await shows(page, 'u64').toHaveText('—');
  await shows(page, 'f64').toHaveText('—');
  await shows(page, 'ptr64').toHaveText('—');
  await gotoAddress(page, '0xfffe');
  await shows(page, 'u16').toHaveText('33506');
  await shows(page, 'u32').toHaveText('—');
  // Before: "not a character start (0xe2)", though 0xe2 starts '€'; memory ends after its second byte.
  await shows(page, 'char').toHaveText('cut off: 0xe282 starts a 3-byte character past the end');
  await shows(page, 'utf8').toHaveText('"\ufffd"');
});

test('address 0 in both byte orders from the keyboard, and a NaN with its sign and payload', async ({ page }) => {
  await openValues(page, ['fill()']);
  await gotoAddress(page, '0');
  await expect(page.getByTestId('inspector-address')).toHaveText('at 0x00000000');
  await shows(page, 'u64').toHaveText(String(0x0123456789abcdefn));
  await page.getByRole('group', { name: 'Byte order' }).getByRole('button', { name: 'BE' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('endian-big')).toHaveAttribute('aria-pressed', 'true');
  await shows(page, 'u64').toHaveText(String(0xefcdab8967452301n));
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('endian-little')).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('combobox', { name: 'Integer radix' }).selectOption('hex');
  await shows(page, 'u64').toHaveText('0x123456789abcdef');
  // 0xffa00001 at 16: as a global's value reads (before, every NaN read "NaN").
  await gotoAddress(page, '0x10');
  await shows(page, 'f32').toHaveText('-NaN:0x200001');
});

test('a selection left past the end by a step back over a grow says it is outside memory, not "click a byte"', async ({ page }) => {
  await openValues(page, ['fill()', 'grow()']);
  await gotoAddress(page, '0x1fffe');
  await shows(page, 'u8').toHaveText('0');
  await page.keyboard.press('Shift+F10');
  await expect(page.getByTestId('step-counter')).toContainText('step 1 / 2');
  await expect(page.getByTestId('inspector-address')).toHaveText('at 0x0001fffe');
  await expect(page.getByTestId('inspector-past-end')).toHaveText('0x1fffe (131070) is outside memory (0x0 … 0xffff, 65536 bytes): nothing to decode.');
  // The step that grows memory again decodes it again.
  await page.keyboard.press('F10');
  await expect(page.getByTestId('step-counter')).toContainText('step 2 / 2');
  await shows(page, 'u8').toHaveText('0');
  await expect(page.getByTestId('inspector-past-end')).toHaveCount(0);
});
