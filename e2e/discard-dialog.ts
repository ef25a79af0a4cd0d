// The page's in-page question "discard unsaved edits?" (ConfirmDiscard.svelte), answered as a
// person does: by clicking one of its buttons. It replaced window.confirm, which the specs
// answered through Playwright's `dialog` event.

import { expect, type Locator, type Page } from '@playwright/test';
import { appUrl, openDemo } from './helpers.ts';

/** Waits for the question, clicks "Discard edits" or "Keep editing", and returns what it asked. */
export async function answerDiscard(page: Page, answer: 'discard' | 'keep'): Promise<string> {
  const dialog = page.getByTestId('confirm-discard');
  await expect(dialog).toBeVisible();
  const asked = await dialog.getByTestId('confirm-discard-message').innerText();
  await dialog.getByRole('button', { name: answer === 'discard' ? 'Discard edits' : 'Keep editing' }).click();
  await expect(dialog).toHaveCount(0);
  return asked;
}

/** The return-string demo with "# mine" typed at the top of its sequence: edits not saved. */
export async function editedDemo(page: Page): Promise<Locator> {
  await page.goto(appUrl());
  await openDemo(page, 'return-string');
  const editor = page.getByTestId('sequence-text');
  await editor.click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('# mine\n');
  return editor;
}
