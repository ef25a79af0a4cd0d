// A newcomer's first Emscripten build (emcc -O1, only _upper exported) opened in the web shell:
// the module panel says the build left out an allocator and function names, and the emcc
// flags that put them back; the starter says the same about the allocator.

import { expect, test } from './test.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appUrl, pickModuleFiles, screenshot } from './helpers.ts';

const MODULE = join(import.meta.dirname, '..', 'src-main', 'engine', 'module', 'testdata', 'no-allocator', 'emscripten.wasm');

test('an optimised Emscripten build with no allocator exported: what is missing, and the flags that keep it', async ({ page }) => {
  await page.goto(appUrl());
  await pickModuleFiles(page, { name: 'emscripten.wasm', mimeType: 'application/wasm', buffer: readFileSync(MODULE) });
  await expect(page.getByTestId('module-allocator')).toContainText(/^none exported/);
  await expect(page.getByTestId('module-allocator-hint')).toHaveText(
    'Emscripten exports malloc and free only when asked: link with -sEXPORTED_FUNCTIONS=_malloc,_free beside your own functions, and alloc(n) and free(p) call them.');
  await expect(page.getByTestId('module-names-missing')).toHaveText(
    'none: calls, writers, heap owners and trap stacks show its functions as func[N]; emcc drops them at -O1 and above: add --profiling-funcs (the code stays optimised)');
  await expect(page.getByTestId('sequence-text')).toHaveValue(/# Emscripten exports malloc and free only when asked: link with\n# -sEXPORTED_FUNCTIONS=_malloc,_free/);
  await screenshot(page, 'build-hints-emscripten');
});
