// A WASI command that also exports a function (clang-19, wasi-libc) in the web shell: the module
// panel says wasm-ld wrapped the export, the starter says what that means, and calling it after
// _start fails its step saying it trapped in the destructors and what to build instead.

import { expect, test } from './test.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appUrl, pickModuleFiles, screenshot } from './helpers.ts';

const MODULE = join(import.meta.dirname, '..', 'src-main', 'engine', 'module', 'testdata', 'command-exports', 'command-exports.wasm');

test("a command's wrapped export: listed, explained in the starter, and its trap in the destructors says so", async ({ page }) => {
  await page.goto(appUrl());
  await pickModuleFiles(page, { name: 'command-exports.wasm', mimeType: 'application/wasm', buffer: readFileSync(MODULE) });
  await expect(page.getByTestId('module-command-exports')).toContainText('twice run constructors and destructors around each call');
  const editor = page.getByTestId('sequence-text');
  await expect(editor).toHaveValue(/# A command: wasm-ld wrapped twice to run the program's constructors before and its destructors\n# after every call/);
  await editor.fill('module "command-exports.wasm"\n_start()\na = twice(2)\n');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('state-badge')).toHaveAttribute('data-state', 'failed');
  const error = page.getByTestId('call-error');
  await expect(error).toContainText("it trapped in the program's destructors (__wasm_call_dtors, which _start runs after main)");
  await expect(error).toContainText('clang -mexec-model=reactor');
  await expect(page.getByTestId('terminal-screen')).toContainText('bye');
  await screenshot(page, 'command-exports-trap');
});
