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
  // run() makes 258 import calls: the log draws a call's first 20, the rest a press away.
  await page.getByTestId('imports-more').click();
  await expect(page.getByTestId('imports-more')).toHaveCount(0);
  await expect(rows.filter({ hasText: 'valueCall(fs, "write", 6 args)' }).first()).toBeVisible();
  await expect(rows.filter({ hasText: 'copyBytesToJS(Uint8Array(20)#18, 20 bytes at 0x460000) → 20 copied' })).toHaveCount(1);
  // The callback's own calls, made inside fs.write, sit a step in under it.
  await expect(rows.filter({ hasText: 'valueCall(fs, "write", 6 args)' }).first()).toHaveAttribute('data-within', '0');
  await expect(rows.filter({ hasText: 'valueGet(go, "_pendingEvent") → event#20' })).toHaveAttribute('data-within', '1');
  await rows.filter({ hasText: 'valueCall(fs, "write", 6 args)' }).first().scrollIntoViewIfNeeded();
  await screenshot(page, 'go-fmt-syscall-js');
});

test('the go-library demo calls Go functions set with js.FuncOf: JavaScript values in the call log, text bound', async ({ page }) => {
  await page.goto(appUrl());
  await openDemo(page, 'go-library');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('step-error')).toHaveCount(0);
  await expect(page.getByTestId('terminal-screen')).toContainText('remembered "eggs" (2 notes)');
  const greet = page.locator('[data-testid="call-row"][data-export="greet"]');
  await expect(greet).toContainText('greet("ann") → "hello, ann"');
  await expect(page.locator('[data-testid="bound-value"][data-name="g"]')).toHaveText('g = "hello, ann"');
  await expect(page.locator('[data-testid="bound-value"][data-name="n"]')).toHaveText('n = 4');
  await expect(page.locator('[data-testid="bound-value"][data-name="all"]')).toHaveText('all = "milk, eggs"');
  // Inside the call, Go copies the argument into its own memory.
  const rows = page.locator('[data-testid="import-row"]');
  await expect(rows.filter({ hasText: 'valueLoadString(Uint8Array(3)#25, 3 bytes at 0x4100d8)' })).toHaveCount(1);
  // Bytes go in as a Uint8Array the sandbox made, and Go copies them into its memory.
  await expect(page.locator('[data-testid="call-row"][data-export="checksum"]')).toContainText('checksum(Uint8Array(10)) → 234096975');
  await expect(rows.filter({ hasText: /^.*copyBytesToGo\(10 bytes at 0x[0-9a-f]+, Uint8Array\(10\)#48\) → 10 copied/ })).toHaveCount(1);
  // The module panel lists what main set, from the run() step on; a click adds a call.
  const listed = page.getByTestId('module-go-function');
  await expect(listed).toHaveText(['greet js.FuncOf', 'words js.FuncOf', 'remember js.FuncOf', 'recall js.FuncOf', 'checksum js.FuncOf']);
  await greet.scrollIntoViewIfNeeded();
  await screenshot(page, 'go-library-js-funcof');
  await listed.filter({ hasText: 'recall' }).click();
  await expect(page.getByTestId('sequence-text')).toHaveValue(/\nr = recall\(\)\n?$/);
});
