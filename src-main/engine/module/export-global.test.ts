// Exporting a private global: the rewritten module still compiles, keeps its exports, and the
// new export reads the global's live value (the stack pointer of a real clang module).

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportGlobal } from './export-global.ts';
import { HEAP_TESTDATA } from '../memory/heap/testing.ts';

describe('exportGlobal', () => {
  it('adds __stack_pointer (global 0) to a clang module that does not export it', async () => {
    const bytes = readFileSync(resolve(HEAP_TESTDATA, 'heap-wasi.wasm'));
    const rewritten = exportGlobal(bytes, 0, '__memscope_sp');
    const module = new WebAssembly.Module(rewritten);
    const names = WebAssembly.Module.exports(module).map((e) => `${e.kind}:${e.name}`);
    expect(names).toContain('global:__memscope_sp');
    expect(names).toEqual(expect.arrayContaining(WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => `${e.kind}:${e.name}`)));
  });

  it('inserts an export section when the module has none', () => {
    // (module (global (mut i32) (i32.const 42)))
    const bytes = Uint8Array.from([0, 97, 115, 109, 1, 0, 0, 0, 6, 6, 1, 127, 1, 65, 42, 11]);
    const instance = new WebAssembly.Instance(new WebAssembly.Module(exportGlobal(bytes, 0, 'g')));
    expect((instance.exports.g as WebAssembly.Global).value).toBe(42);
  });
});
