// A coredump's reference globals on the page: wasmtime writes an anyref global as type 0x6e
// (`ref.null any`); the Globals list names it anyref, not the externref its null value stands in as.

import { expect, test } from './test.ts';
import { writeFileSync } from 'node:fs';
import { fromStart, pickFiles } from './helpers.ts';

test('an anyref global of a coredump is listed as anyref, a funcref and an externref as themselves', async ({ page }, info) => {
  const core = info.outputPath('anyref.core.wasm');
  const name = (s: string) => [s.length, ...Buffer.from(s)];
  // wasmtime's layout, by hand: core (process "p"), one memory of one page, then the globals
  // (global (mut anyref) (ref.null any)) (global funcref (ref.null func)) (global externref (ref.null extern)).
  const coreSection = [...name('core'), 0, ...name('p')];
  const globals = [3, 0x6e, 1, 0xd0, 0x6e, 0x0b, 0x70, 0, 0xd0, 0x70, 0x0b, 0x6f, 0, 0xd0, 0x6f, 0x0b];
  writeFileSync(core, new Uint8Array([
    0, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    0, coreSection.length, ...coreSection,
    5, 3, 1, 0, 1,
    6, globals.length, ...globals,
  ]));
  await fromStart(page);
  await pickFiles(page, 'open-image', core);
  await expect(page.getByTestId('image-panel')).toHaveAttribute('data-kind', 'coredump');
  // Was "global 0 mut externref = null".
  await expect(page.getByTestId('image-globals').locator('li')).toHaveText([
    /^global 0 mut anyref = null$/, /^global 1 funcref = null$/, /^global 2 externref = null$/,
  ]);
});
