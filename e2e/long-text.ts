// Long sequences typed into the page: return-string's story many times over, for the specs that
// measure what a long session does (long-10k, replay-progress).

import { expect, type Page } from './test.ts';
import { appUrl, openDemo } from './helpers.ts';

/** Puts `text` into the editor as one input event, as a paste does, and waits for `steps` steps. */
export async function openText(page: Page, text: string, steps: number): Promise<void> {
  await page.goto(appUrl());
  await openDemo(page, 'return-string');
  await page.getByTestId('sequence-text').evaluate((el, t) => {
    (el as HTMLTextAreaElement).value = t;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
  await expect(page.getByTestId('step-counter')).toContainText(`step 0 / ${steps}`, { timeout: 30_000 });
}

/** return-string's story `n` times: 4n steps (2,500: 10,000), each round freeing what it allocated but the string. */
export function rounds(n: number): string {
  const lines = ['module "return-string.wasm"'];
  for (let i = 0; i < n; i++) lines.push('r = malloc(8)', 'ReturnString(r)', 's = read {ptr: u32, len: u32} @ r', 'free(r)');
  return lines.join('\n');
}
