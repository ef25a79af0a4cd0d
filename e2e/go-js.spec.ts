// A Go js/wasm program using fmt and goroutines in the web shell (the go-fmt demo): its output
// reaches the terminal, and the call log shows each crossing into JavaScript by what it touches.

import { expect, test } from './test.ts';
import { appUrl, openDemo, screenshot } from './helpers.ts';

test('the go-fmt demo prints through syscall/js, and the call log names the JavaScript values', async ({ page }) => {
  await page.goto(appUrl());
  await openDemo(page, 'go-fmt');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('step-error')).toHaveCount(0);
  // The terminal shows its last rows: the goroutines' lines, printed after run() first returned.
  const terminal = page.getByTestId('terminal-screen');
  await expect(terminal).toContainText('worker 0 slept 30 ms');
  await expect(terminal).toContainText('all slept: true');
  const rows = page.locator('[data-testid="import-row"]');
  await expect(rows.filter({ hasText: 'valueCall(fs, "write", 6 args)' }).first()).toBeVisible();
  await expect(rows.filter({ hasText: 'copyBytesToJS(Uint8Array(20)#18, 20 bytes at 0x460000) → 20 copied' })).toHaveCount(1);
  // The callback's own calls, made inside fs.write, sit a step in under it.
  await expect(rows.filter({ hasText: 'valueCall(fs, "write", 6 args)' }).first()).toHaveAttribute('data-within', '0');
  await expect(rows.filter({ hasText: 'valueGet(go, "_pendingEvent") → event#20' })).toHaveAttribute('data-within', '1');
  await rows.filter({ hasText: 'valueCall(fs, "write", 6 args)' }).first().scrollIntoViewIfNeeded();
  await screenshot(page, 'go-fmt-syscall-js');
});
