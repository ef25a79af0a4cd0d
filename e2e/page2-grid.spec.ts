// The memory grid at the far end of big memories and across a grow undone
// (e2e/testdata/page2-grow.wat): go-to the last byte of 1 GiB, the keyboard to the end and past
// it, a step back after a grow (the grid shrinks back; the first key brings the selection
// inside), and a go-to expression that does not parse (the error names the column).

import { expect, test, type Page } from './test.ts';
import { gotoAddress, pressStep } from './helpers.ts';
import { openTestModule } from './out-edges.ts';

async function openGrow(page: Page, steps: string[]): Promise<void> {
  await page.setViewportSize({ width: 1440, height: 1000 });
  await openTestModule(page, 'page2-grow.wasm', steps);
}

// 1 GiB: the session's memory cap (1 GiB by default) keeps a grow to 4 GiB from happening here.
for (const [pages, last] of [[16384, '0x3fffffff']] as const) {
  test(`go-to the last byte of ${pages} pages, then the keyboard to the end and past it`, async ({ page }) => {
    await openGrow(page, [`grow_to(${pages})`]);
    await pressStep(page);
    await expect(page.getByTestId('step-counter')).toContainText('step 1 / 1');
    await gotoAddress(page, last);
    await expect(page.getByTestId('goto-error')).toHaveCount(0);
    await expect(page.getByTestId('inspector-address')).toContainText(last.slice(2));
    await expect(page.getByTestId('inspector-u8')).toContainText('126');
    const grid = page.getByTestId('memory-grid');
    await grid.focus();
    for (const key of ['ArrowRight', 'ArrowDown', 'PageDown', 'End', 'Control+End']) {
      await page.keyboard.press(key);
      await expect(page.getByTestId('inspector-address')).toContainText(last.slice(2));
    }
    // One past the end is outside memory, and says where memory ends.
    await gotoAddress(page, `${Number(last) + 1}`);
    await expect(page.getByTestId('goto-error')).toContainText('outside memory');
    await expect(page.getByTestId('goto-error')).toContainText(last);
  });
}

test('a step back after a grow: the grid shrinks back, and the first arrow key brings the selection inside memory', async ({ page }) => {
  await openGrow(page, ['touch()', 'grow_to(4)']);
  await pressStep(page);
  await pressStep(page);
  await expect(page.getByTestId('step-counter')).toContainText('step 2 / 2');
  await gotoAddress(page, '0x3ffff');
  await expect(page.getByTestId('inspector-u8')).toContainText('126');
  await page.keyboard.press('Shift+F10');
  await expect(page.getByTestId('step-counter')).toContainText('step 1 / 2');
  const grid = page.getByTestId('memory-grid');
  // One page of 16-byte rows: 4096 rows, the last at 0xfff0.
  await expect.poll(async () => Number(await grid.getAttribute('data-top-row')) + Number(await grid.getAttribute('data-visible-rows'))).toBeLessThanOrEqual(4096);
  // The selection keeps its place past the end (issue 8: the step that grows memory again goes
  // back there); a key moves it to memory's last byte.
  await expect(page.getByTestId('inspector-address')).toHaveText('at 0x0003ffff');
  await grid.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('inspector-address')).toHaveText('at 0x0000ffff');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('inspector-address')).toHaveText('at 0x0000fffe');
});

test('a go-to expression that does not parse says what is wrong and where', async ({ page }) => {
  await openGrow(page, ['touch()']);
  // Before, only "expected a number, a string, a name or '(', found end of line": not where.
  for (const [text, error] of [
    ['0x10 +', "column 7: expected a number, a string, a name or '(', found end of line"],
    ['(4', "column 3: expected ')' to close '(', found end of line"],
    ['  1 +* 2', "column 6: expected a number, a string, a name or '(', found '*'"],
  ]) {
    await gotoAddress(page, text);
    await expect(page.getByTestId('goto-error')).toBeVisible();
    expect(await page.getByTestId('goto-error').textContent()).toBe(error);
  }
});
