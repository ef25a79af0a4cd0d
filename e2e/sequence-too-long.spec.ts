// A sequence over the engine's size limit (1 Mi characters, pasted into the editor): the engine
// refuses it, and the editor must keep the text the person pasted, with the error saying why.
// The page used to drop the refused draft, so the old sequence came back into the editor, the
// paste was gone, and the next F10 stepped the old sequence as if nothing had been typed.

import { expect, test } from './test.ts';
import { appUrl, openDemo, stepCount } from './helpers.ts';

test('a pasted sequence over the size limit stays in the editor, is not stepped past, and the error says why', async ({ page }) => {
  await page.goto(appUrl());
  await openDemo(page, 'return-string');
  const editor = page.getByTestId('sequence-text');
  const before = await editor.inputValue();
  // 2 MiB of comment lines after the demo's own steps.
  const pasted = before + '# padding padding padding padding\n'.repeat(64 * 1024);
  await editor.evaluate((el, text) => {
    const area = el as HTMLTextAreaElement;
    area.focus();
    area.value = text;
    area.dispatchEvent(new Event('input', { bubbles: true }));
  }, pasted);
  await editor.press('Control+Enter');
  await expect(page.getByTestId('error-bar')).toContainText('at most 1048576 characters');
  expect(await editor.evaluate((el) => (el as HTMLTextAreaElement).value.length)).toBe(pasted.length);
  // F10 applies the edit first; refused again, it does not step the old sequence under it.
  // (Dismissing the error first would blur the editor, and the blur applies the draft again.)
  await page.keyboard.press('F10');
  await expect(page.getByTestId('queued-steps')).toBeHidden();
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('error-bar')).toContainText('at most 1048576 characters');
  expect((await stepCount(page)).at).toBe(0);
  expect(await editor.evaluate((el) => (el as HTMLTextAreaElement).value.length)).toBe(pasted.length);
});
