// The page with a keyboard and a screen reader's view of it (Chromium's accessibility tree) in
// the web shell: every control has a name, focus shows wherever Tab lands, the call log and the
// grid say what a sighted person sees in them (the step shown, the selected byte and whether it
// changed), status changes reach a live region, and a popover gives focus back on Escape.

import { expect, test, type Page } from './test.ts';
import { appUrl, gotoAddress, gridByteText, openDemo, pressStep } from './helpers.ts';

test.beforeEach(async ({ page }) => {
  await page.goto(appUrl());
  await expect(page.getByTestId('start-screen').or(page.getByTestId('memory-view'))).toBeVisible();
});

interface AxNode { role?: { value: string }; name?: { value: string }; ignored?: boolean }

/** Chromium's accessibility tree, as a screen reader gets it. */
async function axTree(page: Page): Promise<AxNode[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    return ((await cdp.send('Accessibility.getFullAXTree')) as { nodes: AxNode[] }).nodes;
  } finally {
    await cdp.detach();
  }
}

const CONTROLS = new Set(['button', 'textbox', 'checkbox', 'radio', 'combobox', 'slider', 'searchbox', 'spinbutton', 'link', 'switch']);

test('every control has a name, and the large-font toggle is not read as "AA"', async ({ page }) => {
  await openDemo(page, 'return-string');
  await pressStep(page);
  const unnamed = (await axTree(page)).filter((n) => !n.ignored && CONTROLS.has(n.role?.value ?? '') && !(n.name?.value ?? '').trim());
  expect(unnamed.map((n) => n.role?.value)).toEqual([]);
  // Its two letters were its whole name: a screen reader said "A A", not what it does.
  await expect(page.getByRole('button', { name: 'Large font', exact: true })).toHaveAttribute('aria-pressed', 'false');
});

test('Tab into the Output panel shows where focus went', async ({ page }) => {
  await openDemo(page, 'return-string');
  await page.getByTestId('terminal-clear').focus();
  await page.keyboard.press('Tab');
  // Focus is in xterm's own text box, kept off screen: its ring could not be seen, so the panel draws one.
  await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-testid="terminal-screen"]') !== null)).toBe(true);
  await expect(page.getByTestId('terminal-screen')).not.toHaveCSS('box-shadow', 'none');
});

test('the call log is a named region and says which step\'s memory is shown', async ({ page }) => {
  await openDemo(page, 'return-string');
  await pressStep(page);
  await pressStep(page);
  await expect(page.getByRole('region', { name: 'Call log' })).toBeVisible();
  const first = page.locator('[data-testid="call-step"][data-step="0"] [data-testid="step-row"]');
  await first.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('memory-view')).toHaveAttribute('data-step', '0');
  // Only its tint said so; the step that ran last says it with aria-current.
  await expect(first).toHaveAccessibleName(/^step 1: .*, memory shown$/);
  await expect(page.locator('[data-testid="call-step"][data-step="1"] [data-testid="step-row"]')).toHaveAttribute('aria-current', 'step');
  await expect(page.locator('[data-testid="call-step"][data-step="1"] [data-testid="step-row"]')).not.toHaveAccessibleName(/memory shown/);
});

test('arrow keys in the grid say the selected byte, its value and that the step changed it', async ({ page }) => {
  await openDemo(page, 'return-string');
  await pressStep(page);
  await pressStep(page);
  // ReturnString wrote its 12-byte block at 0x10630 in step 2, the step shown.
  await gotoAddress(page, '0x10630');
  await expect(page.getByTestId('inspector-address')).toHaveText('at 0x00010630');
  await page.getByTestId('memory-grid').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('inspector-address')).toHaveText('at 0x00010631');
  const hex = await gridByteText(page, 0x10631);
  // Nothing was said: the grid's rows are text and the selection only a colour on the canvas.
  const live = page.getByTestId('grid-announce');
  await expect(live).toHaveAttribute('aria-live', 'polite');
  await expect(live).toHaveText(`0x00010631: ${hex}, changed by the step shown`);
  await page.keyboard.press('ArrowUp');
  await expect(live).toHaveText(/^0x00010621: [0-9a-f]{2}/);
});

test('a run that fails is announced, and Escape closes the export popover back onto its button', async ({ page }) => {
  await openDemo(page, 'trap');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'failed');
  await expect(page.getByTestId('step-announce')).toHaveText(/^step \d+ of \d+, failed$/);
  await page.getByTestId('export-button').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('export-popover')).toBeVisible();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('export-popover')).toBeHidden();
  await expect(page.getByTestId('export-button')).toBeFocused();
});
