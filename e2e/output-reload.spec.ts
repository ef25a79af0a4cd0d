// Output survives a reload (issue 14, build item 5), like the call log and memory: the session's
// view brings what the instance printed so far (SessionView.output); a reset starts it afresh.

import { expect, test } from './test.ts';
import { appUrl, openDemo, pressStep } from './helpers.ts';

test('the Output panel shows the same output after a reload, and none after a reset', async ({ page }) => {
  await page.goto(appUrl());
  await expect(page.getByTestId('start-screen').or(page.getByTestId('memory-view'))).toBeVisible();
  await openDemo(page, 'wasi-cat');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
  const screen = page.getByTestId('terminal-screen');
  await expect(screen).toContainText('Hello from a preopened directory!');
  const calls = await page.getByTestId('call-row').count();

  await page.reload();
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('call-row')).toHaveCount(calls);
  await expect(screen).toContainText('Hello from a preopened directory!');
  await expect(screen).toContainText('This file lives in');

  await page.getByTestId('reset-button').click();
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'ready');
  await expect(screen).not.toContainText('Hello from a preopened directory!');
});

test('stepping back keeps the output of the steps before, which ran again without sending it', async ({ page }) => {
  await page.goto(appUrl());
  await expect(page.getByTestId('start-screen').or(page.getByTestId('memory-view'))).toBeVisible();
  await openDemo(page, 'wasi-io');
  await pressStep(page);
  await pressStep(page);
  const screen = page.getByTestId('terminal-screen');
  await expect(screen).toContainText('hi: LINE TWO');
  await page.keyboard.press('Shift+F10');
  await expect(page.getByTestId('step-counter')).toContainText('step 1 /');
  await expect(screen).toContainText('hi: LINE ONE');
  await expect(screen).toContainText('hi: LINE TWO');
  await expect(page.getByTestId('terminal-bytes')).toHaveText('26 B');
});

test('Tab leaves the Output panel: the terminal is output only, and does not keep the focus', async ({ page }) => {
  await page.goto(appUrl());
  await expect(page.getByTestId('start-screen').or(page.getByTestId('memory-view'))).toBeVisible();
  await openDemo(page, 'wasi-io');
  const input = page.locator('[data-testid="terminal-screen"] textarea');
  await input.focus();
  await expect(input).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(input).not.toBeFocused();
  await input.focus();
  await page.keyboard.press('Shift+Tab');
  await expect(input).not.toBeFocused();
});
