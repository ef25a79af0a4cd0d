// The same story in the Electron shell through Playwright's Electron support. Runs only when an
// Electron binary is supplied (ELECTRON_OVERRIDE_DIST_PATH or ELECTRON_EXEC_PATH); otherwise it
// is skipped with the reason printed. Needs `npm run build` (out/main, out/preload, out/renderer).

import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { join } from 'node:path';
// @ts-expect-error plain JS helper shared with scripts/start.js (no type declarations)
import { findElectronBinary } from '../scripts/electron-binary.js';
import { gotoAddress, openDemo, pressStep, screenshot, stepCount } from './helpers.ts';

const binary = (findElectronBinary as () => { path: string | null; reason: string })();
const supplied = !!(process.env.ELECTRON_OVERRIDE_DIST_PATH || process.env.ELECTRON_EXEC_PATH) && binary.path !== null;
if (!supplied) console.log(`electron.spec: skipped: ${binary.reason}`);

test.describe('Electron shell', () => {
  test.skip(!supplied, `no Electron binary: ${binary.reason}`);

  let app: ElectronApplication;
  let page: Page;

  test.beforeAll(async () => {
    app = await electron.launch({
      executablePath: binary.path!,
      args: [join(import.meta.dirname, '..'), '--no-sandbox', '--disable-gpu'],
      env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' },
    });
    page = await app.firstWindow();
    await expect(page.getByTestId('start-screen')).toBeVisible();
  });

  test.afterAll(async () => {
    await app?.close();
  });

  test('the window is locked down: no Node in the page, only the contract bridge', async () => {
    const globals = await page.evaluate(() => ({
      require: typeof (globalThis as Record<string, unknown>).require,
      process: typeof (globalThis as Record<string, unknown>).process,
      bridge: Object.keys((globalThis as Record<string, unknown>).memscope as object).sort(),
    }));
    expect(globals.require).toBe('undefined');
    expect(globals.process).toBe('undefined');
    expect(globals.bridge).toContain('readMemory');
    expect(globals.bridge).not.toContain('invoke');
    // New windows and navigation away from the renderer are denied.
    expect(await page.evaluate(() => window.open('https://example.com') === null)).toBe(true);
    const before = page.url();
    await page.evaluate(() => {
      location.href = 'https://example.com/';
    }).catch(() => undefined);
    await page.waitForTimeout(300);
    expect(page.url()).toBe(before);
    expect(app.windows()).toHaveLength(1);
  });

  test('string through a result pointer with F10, and Stop on an infinite loop', async () => {
    await openDemo(page, 'return-string');
    const { total } = await stepCount(page);
    await pressStep(page);
    await pressStep(page);
    await expect(page.getByTestId('changed-byte').first()).toBeVisible();
    for (let i = 2; i < total; i++) await pressStep(page);
    await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'done');
    await gotoAddress(page, 's.ptr');
    await expect(page.getByTestId('inspector-utf8')).toContainText('hello from C');
    await screenshot(page, 'electron-final');

    await openDemo(page, 'infinite-loop');
    await page.keyboard.press('F5');
    await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'running');
    await page.keyboard.press('Shift+F5');
    await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'terminated');
  });
});
