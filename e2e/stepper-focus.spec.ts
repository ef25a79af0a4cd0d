// Keyboard focus when the stepper control that has it turns itself off: Stop once the guest
// stopped, Step on the last step. Chromium blurs a disabled button and focus fell to <body>, so
// the next Tab started again from the top of the page. It stays in the stepper now, on the next
// control still on, and Tab goes on from there.

import { expect, test, type Page } from './test.ts';
import { appUrl, openDemo, runIntoLoop } from './helpers.ts';

/** The data-testid of the focused element, and whether it is inside the stepper. */
async function focused(page: Page): Promise<{ id: string | null; inStepper: boolean }> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return { id: el?.getAttribute('data-testid') ?? null, inStepper: !!el?.closest('[role="toolbar"][aria-label="Stepper"]') };
  });
}

test('Stop pressed from the keyboard leaves focus in the stepper, and Tab goes on from there', async ({ page }) => {
  await runIntoLoop(page);
  const stop = page.getByTestId('stop-button');
  await expect(stop).toBeEnabled();
  await stop.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'terminated');
  await expect(stop).toBeDisabled();
  // The next control still on after Stop is Reset.
  await expect.poll(() => focused(page)).toEqual({ id: 'reset-button', inStepper: true });
  await page.keyboard.press('Tab');
  expect(await focused(page)).toEqual({ id: 'trace-writes', inStepper: true });
});

test('Step pressed on the last step leaves focus in the stepper', async ({ page }) => {
  await page.goto(appUrl());
  await openDemo(page, 'return-string');
  const step = page.getByTestId('step-button');
  const total = Number((await page.getByTestId('step-counter').textContent())!.match(/\/ (\d+)/)![1]);
  await step.focus();
  for (let i = 1; i <= total; i++) {
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('step-counter')).toContainText(`step ${i} / ${total}`);
  }
  await expect(step).toBeDisabled();
  // After Step, Back is the next control still on.
  await expect.poll(() => focused(page)).toEqual({ id: 'step-back-button', inStepper: true });
  await page.keyboard.press('Tab');
  expect(await focused(page)).toEqual({ id: 'reverse-button', inStepper: true });
});
