// The page's editor with more errors than are listed: the 50 listed, then one line saying how
// many more and how many in all, and that fixing the listed ones lists the next (it said only
// how many more). And an error after a tab and an emoji: the column the list shows counts them
// as the editor does (a tab one, an emoji two), so its squiggle and link land on the token.

import { expect, test } from './test.ts';
import { appUrl, openDemo } from './helpers.ts';

async function openSequence(page: import('@playwright/test').Page, name: string, text: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('open-sequence').click()]);
  await chooser.setFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });
}

test('80 bad lines: 50 listed, then how many more, how many in all, and how to see them', async ({ page }) => {
  await page.goto(appUrl());
  await openDemo(page, 'return-string');
  await openSequence(page, 'many.wseq', Array.from({ length: 80 }, (_, i) => `x${i} = = ${i}`).join('\n'));
  const errors = page.getByTestId('sequence-error');
  await expect(errors).toHaveCount(51);
  await expect(errors.first()).toContainText("1:6 expected a number, a string, a name or '(', found '='");
  await expect(errors.last()).toHaveText('51:7 … and 30 more syntax errors, 80 in all, the first of them here: fixing those above lists the next (the checks against the module run once every line parses)');
});

test('an error after a tab and an emoji: its column, squiggle and selection are the token\'s', async ({ page }) => {
  await page.goto(appUrl());
  await openDemo(page, 'return-string');
  await openSequence(page, 'wide.wseq', 'ret = malloc(8)\n\texpect "😀中" == nosuch\n');
  const error = page.getByTestId('sequence-error');
  // tab 1, `expect "` 8, emoji 2, 中 1, `" == ` 5: nosuch starts at UTF-16 unit 17, column 18.
  await expect(error).toContainText("2:18 unknown name 'nosuch'");
  await expect(page.getByTestId('squiggle')).toHaveText('nosuch');
  await error.click();
  const selected = await page.getByTestId('sequence-text').evaluate((el) => {
    const area = el as HTMLTextAreaElement;
    return area.value.slice(area.selectionStart, area.selectionEnd);
  });
  expect(selected).toBe('nosuch');
});

test("a step that fails as it runs: listed with its line:column, the failing call underlined, a click selects it", async ({ page }) => {
  await page.goto(appUrl());
  await openDemo(page, 'trap');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'failed');
  // `oops = report(256, 0)` on line 28: the call that trapped starts at column 8.
  const failure = page.getByTestId('step-failure');
  await expect(failure).toHaveText('28:8 trap: divide by zero in divide');
  await expect(page.getByTestId('squiggle')).toHaveText('report');
  await failure.click();
  const selected = await page.getByTestId('sequence-text').evaluate((t: HTMLTextAreaElement) => t.value.slice(t.selectionStart, t.selectionEnd));
  expect(selected).toBe('report');
});
