// A sequence with CRLF line endings in the page's editor: an error's link selects the token it
// names, and the squiggle underlines that token. The textarea holds the text with LF alone, so
// the selection used to drift one character right per line above the error; and the squiggle
// ran to the end of the line whatever the error's length.

import { expect, test } from './test.ts';
import { appUrl, openDemo } from './helpers.ts';

test('an error in a CRLF sequence selects and underlines its own token', async ({ page }) => {
  await page.goto(appUrl());
  await openDemo(page, 'return-string');
  const text = ['ret = malloc(8)', '# two', '# three', 'ReturnString(ret)', 'x = 1 + nosuch + 2', ''].join('\r\n');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('open-sequence').click()]);
  await chooser.setFiles({ name: 'crlf.wseq', mimeType: 'text/plain', buffer: Buffer.from(text) });
  const error = page.getByTestId('sequence-error');
  await expect(error).toContainText("5:9 unknown name 'nosuch'");
  await expect(page.getByTestId('squiggle')).toHaveText('nosuch');
  await error.click();
  const editor = page.getByTestId('sequence-text');
  const selected = await editor.evaluate((el) => {
    const area = el as HTMLTextAreaElement;
    return area.value.slice(area.selectionStart, area.selectionEnd);
  });
  expect(selected).toBe('nosuch');
});
