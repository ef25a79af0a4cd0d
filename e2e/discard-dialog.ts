// The page's in-page question "discard unsaved edits?" (ConfirmDiscard.svelte), answered as a
// person does: by clicking one of its buttons. It replaced window.confirm, which the specs
// answered through Playwright's `dialog` event.

import { expect, type Page } from '@playwright/test';

/** Waits for the question, clicks "Discard edits" or "Keep editing", and returns what it asked. */
export async function answerDiscard(page: Page, answer: 'discard' | 'keep'): Promise<string> {
  const dialog = page.getByTestId('confirm-discard');
  await expect(dialog).toBeVisible();
  const asked = await dialog.getByTestId('confirm-discard-message').innerText();
  await dialog.getByRole('button', { name: answer === 'discard' ? 'Discard edits' : 'Keep editing' }).click();
  await expect(dialog).toHaveCount(0);
  return asked;
}
