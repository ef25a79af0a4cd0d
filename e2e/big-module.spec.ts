// A large module in the page: thousands of exports (clang's --export-all) and a memory of several
// MiB with data past the first MiB (a 4 MiB static table). The module is generated here as text
// and built with Binaryen, as own-module.ts builds its own: no multi-MiB binary in the tree.

import { expect, test, type Page } from './test.ts';
import { appUrl, pickModuleFiles } from './helpers.ts';

const EXPORTS = 2000;
const MIB = 1 << 20;
/** Where "needle" lies: in the first MiB, across the seam of the search's first 1 MiB read, in the fourth MiB. */
const NEEDLES = [0x10, MIB - 3, 3 * MIB + 0x40];

/** 2,000 exported functions and a 4 MiB memory (64 pages) with NEEDLES' text in data segments. */
async function bigModuleBytes(): Promise<Buffer> {
  const { default: binaryen } = await import('binaryen');
  const funcs = Array.from({ length: EXPORTS }, (_, i) => `(func (export "f${i}") (result i32) i32.const ${i})`);
  const data = NEEDLES.map((at) => `(data (i32.const ${at}) "needle")`);
  const module = binaryen.parseText(`(module (memory (export "memory") 64) ${data.join(' ')} ${funcs.join(' ')})`);
  try {
    if (!module.validate()) throw new Error('the generated big module does not validate');
    return Buffer.from(module.emitBinary());
  } finally {
    module.dispose();
  }
}

async function openBigModule(page: Page): Promise<void> {
  await page.goto(appUrl());
  await pickModuleFiles(page, { name: 'big.wasm', mimeType: 'application/wasm', buffer: await bigModuleBytes() });
  await expect(page.getByTestId('module-panel')).toContainText('f0');
}

test('a module with 2,000 exports draws the first 400 (its memory, f0 … f398), and Show more the next 400', async ({ page }) => {
  await openBigModule(page);
  const panel = page.getByTestId('module-panel');
  const exports = panel.getByTestId('module-export');
  await expect(panel.getByTestId('module-export-static')).toHaveAttribute('data-export', 'memory');
  await expect(exports).toHaveCount(399);
  await expect(exports.last()).toHaveAttribute('data-export', 'f398');
  const more = page.getByTestId('module-exports-more');
  await expect(more).toHaveText('Show 400 more exports (1601 not shown)');
  await more.click();
  await expect(exports).toHaveCount(799);
  await expect(exports.last()).toHaveAttribute('data-export', 'f798');
});

test('search finds text past the first MiB of a 4 MiB memory, and across the seam of its 1 MiB reads', async ({ page }) => {
  await openBigModule(page);
  await page.getByTestId('search-input').fill('needle');
  await page.getByTestId('search-go').click();
  await expect(page.getByTestId('search-count')).toHaveText(`1 of ${NEEDLES.length}`);
  await expect(page.getByTestId('search-message')).toHaveCount(0);
  for (const at of NEEDLES.slice(1)) {
    await page.getByTestId('search-next').click();
    await expect(page.getByTestId('inspector-address')).toHaveText(`at 0x${at.toString(16).padStart(8, '0')}`);
  }
});
