// Shared steps for the e2e specs: open the app (web shell URL from global-setup, or a given
// page), open a demo from the start screen, press keys, read the UI's state.

import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const SCREENSHOTS = join(import.meta.dirname, 'screenshots');

export function appUrl(): string {
  const url = process.env.MEMSCOPE_URL;
  if (!url) throw new Error('MEMSCOPE_URL is not set: the global setup did not start memscope serve');
  return url;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** From anywhere (start screen or a session), opens a bundled demo and waits until it is ready. */
export async function openDemo(page: Page, id: string): Promise<void> {
  if (!(await page.getByTestId('start-screen').isVisible())) await page.getByTestId('home-button').click();
  await page.locator(`[data-testid="demo-card"][data-demo-id="${id}"]`).click();
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('step-counter')).toContainText('step 0 /');
}

export async function stepCount(page: Page): Promise<{ at: number; total: number }> {
  const text = (await page.getByTestId('step-counter').textContent()) ?? '';
  const m = /step (\d+) \/ (\d+)/.exec(text);
  if (!m) throw new Error(`unexpected step counter "${text}"`);
  return { at: Number(m[1]), total: Number(m[2]) };
}

/** Presses F10 (the page's shortcut, not a button) and waits for the step to land. */
export async function pressStep(page: Page): Promise<void> {
  const { at } = await stepCount(page);
  await page.keyboard.press('F10');
  await expect(page.getByTestId('step-counter')).toContainText(`step ${at + 1} /`);
}

export async function gotoAddress(page: Page, text: string): Promise<void> {
  const input = page.getByTestId('goto-input');
  await input.fill(text);
  await input.press('Enter');
}

/** The text of the ASCII column of the grid's visible rows. */
export async function gridAscii(page: Page): Promise<string> {
  return page.locator('[data-testid="memory-grid"] .ascii').evaluateAll((els) => els.map((e) => e.textContent ?? '').join('\n'));
}
