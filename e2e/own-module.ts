// A newcomer's own module: e2e/fixtures/own.wat built with Binaryen's text parser at test time (so the
// module under test is compiled from the source beside it), then opened through "Open module…".

import { expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pickModuleFiles } from './helpers.ts';

const SOURCE = join(import.meta.dirname, 'fixtures', 'own.wat');

/**
 * Builds own.wasm from own.wat (or another fixture's `source`) and returns its bytes. Binaryen
 * (already a dependency, for write tracing) rather than wabt's wat2wasm, so `npm test` needs no
 * compiler on the machine: the specs failed with `spawnSync wat2wasm ENOENT` on a fresh one. All
 * features are allowed for validation (own.wat uses memory.copy); the binary is the text as
 * written, without names.
 */
export async function ownModuleBytes(source = SOURCE): Promise<Buffer> {
  const { default: binaryen } = await import('binaryen');
  const module = binaryen.parseText(readFileSync(source, 'utf8'));
  try {
    module.setFeatures(binaryen.Features.All);
    if (!module.validate()) throw new Error(`${source} does not validate`);
    return Buffer.from(module.emitBinary());
  } finally {
    module.dispose();
  }
}

/** Opens own.wasm from the start screen the way a person does, and waits for the session. */
export async function openOwnModule(page: Page): Promise<void> {
  await pickModuleFiles(page, { name: 'own.wasm', mimeType: 'application/wasm', buffer: await ownModuleBytes() });
  await expect(page.getByTestId('memory-view')).toBeVisible();
  await expect(page.getByTestId('module-panel')).toContainText('greet');
}
