// Output survives a reload (issue 14, build item 5), like the call log and memory: the page keeps
// the session's output in the tab's storage and shows it again; a reset starts it afresh.

import { expect, test } from './test.ts';
import { appUrl, openDemo } from './helpers.ts';

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
