// The question over edits not saved is a modal in the page (it was window.confirm, which froze the
// page's scripts while it was up): Escape keeps the edits, Enter on a focused button does what it
// says, Tab stays inside it, and focus goes back to where it was.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './test.ts';
import { dropFiles, screenshot } from './helpers.ts';
import { editedDemo } from './discard-dialog.ts';

const WSEQ = join(import.meta.dirname, '..', 'resources', 'examples', 'return-string', 'return-string.wseq');

test('the discard question: Escape keeps the edits, Enter on "Discard edits" discards, focus returns to the editor', async ({ page }) => {
  const editor = await editedDemo(page);
  const dropped = `# dropped\n${readFileSync(WSEQ, 'utf8')}`;
  const dialog = page.getByTestId('confirm-discard');
  const keep = dialog.getByRole('button', { name: 'Keep editing' });
  const discard = dialog.getByRole('button', { name: 'Discard edits' });

  await dropFiles(page, { name: 'other.wseq', text: dropped });
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAttribute('role', 'alertdialog');
  await expect(dialog).toHaveAccessibleName('Discard unsaved edits?');
  await expect(dialog).toHaveAccessibleDescription(/^Put other\.wseq in the editor\? The sequence in the editor has edits that are not saved/);
  await expect(keep).toBeFocused();
  await screenshot(page, 'confirm-discard');
  // Keys under the question reach nothing behind it: F10 steps nothing, typing edits nothing.
  await page.keyboard.press('F10');
  await page.keyboard.type('x');
  await expect(page.getByTestId('step-counter')).toContainText('step 0 /');
  // Tab and Shift+Tab go round its two buttons only.
  await page.keyboard.press('Tab');
  await expect(discard).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(keep).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(discard).toBeFocused();
  // A second drop while it is up is the newer wish: the question names it, the first is dropped.
  await dropFiles(page, { name: 'second.wseq', text: dropped });
  await expect(dialog.getByTestId('confirm-discard-message')).toContainText('Put second.wseq in the editor?');
  await expect(dialog).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(editor).toHaveValue(/^# mine\n/);
  await expect(editor).toBeFocused();
  // Escape was the question's: the error bar or anything else saw no second Escape.
  await page.keyboard.type('# more\n');
  await expect(editor).toHaveValue(/^# mine\n# more\n/);

  await dropFiles(page, { name: 'other.wseq', text: dropped });
  await expect(keep).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(editor).toHaveValue(/^# mine\n# more\n/);
  await expect(editor).toBeFocused();

  await dropFiles(page, { name: 'other.wseq', text: dropped });
  await page.keyboard.press('Tab');
  await expect(discard).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(editor).toHaveValue(/^# dropped\n/);
  await expect(editor).toBeFocused();
});
