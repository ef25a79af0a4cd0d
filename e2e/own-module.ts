// A newcomer's own module: e2e/fixtures/own.wat built with wabt's wat2wasm at test time (so the
// module under test is compiled from the source beside it), then opened through "Open module…".

import { expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const SOURCE = join(import.meta.dirname, 'fixtures', 'own.wat');
const OUT = join(import.meta.dirname, '..', 'test-results', 'own-module');

/** Builds own.wasm from own.wat (once per run) and returns its bytes. */
export function ownModuleBytes(): Buffer {
  mkdirSync(OUT, { recursive: true });
  const wasm = join(OUT, 'own.wasm');
  execFileSync('wat2wasm', [SOURCE, '-o', wasm]);
  return readFileSync(wasm);
}

/** Opens own.wasm from the start screen the way a person does, and waits for the session. */
export async function openOwnModule(page: Page): Promise<void> {
  if (!(await page.getByTestId('start-screen').isVisible())) await page.getByTestId('home-button').click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('open-module').click();
  await (await chooser).setFiles({ name: 'own.wasm', mimeType: 'application/wasm', buffer: ownModuleBytes() });
  await expect(page.getByTestId('memory-view')).toBeVisible();
  await expect(page.getByTestId('module-panel')).toContainText('greet');
}
