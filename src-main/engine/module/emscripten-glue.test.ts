// The names a minified module's glue gives: from the real glue Emscripten 3.1.6 wrote for
// testdata's greet-min.wasm (asmLibraryArg, Module["asm"]["f"]), from the shapes later releases
// write (wasmImports, wasmExports, arrow functions, an assignWasmExports function, ES modules),
// and the errors for text that is not such a glue.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGlueNames, type GlueNames } from './emscripten-glue.ts';

const DIR = resolve(import.meta.dirname, '../host/testdata/emscripten-runtime');

function names(text: string): GlueNames {
  const read = readGlueNames(text, 'x.js');
  if (!read.ok) throw new Error(read.error.message);
  return read.value;
}

describe('readGlueNames', () => {
  it('Emscripten 3.1.6 at -O3: every import with its module, every export of greet-min.wasm', () => {
    const read = names(readFileSync(resolve(DIR, 'greet-min.js'), 'utf8'));
    expect(Object.fromEntries(read.imports)).toEqual({
      a: { module: 'wasi_snapshot_preview1', name: 'fd_write' },
      b: { module: 'env', name: 'emscripten_resize_heap' },
      c: { module: 'env', name: 'emscripten_memcpy_big' },
    });
    expect(Object.fromEntries(read.exports)).toEqual({
      d: 'memory', e: '__wasm_call_ctors', f: 'greet', g: 'malloc', h: '__indirect_function_table', i: 'free',
    });
  });

  it('later releases: wasmImports with bare keys, arrow-function wrappers over wasmExports, runtime names without a `_`', () => {
    const read = names(`var wasmImports={c:_emscripten_memcpy_big,b:___cxa_throw,a:invoke_vii};
      var wasmExports=createWasm();
      var ___wasm_call_ctors=()=>(___wasm_call_ctors=wasmExports["e"])();
      var _greet=Module["_greet"]=a0=>(_greet=Module["_greet"]=wasmExports["f"])(a0);
      var stackSave=()=>(stackSave=wasmExports.j)();
      function receiveInstance(instance){wasmExports=instance.exports;wasmMemory=wasmExports["d"];wasmTable=wasmExports["h"]}`);
    expect(Object.fromEntries(read.imports)).toEqual({
      c: { module: 'env', name: 'emscripten_memcpy_big' }, b: { module: 'env', name: '__cxa_throw' }, a: { module: 'env', name: 'invoke_vii' },
    });
    expect(Object.fromEntries(read.exports)).toEqual({ e: '__wasm_call_ctors', f: 'greet', j: 'stackSave', d: 'memory', h: '__indirect_function_table' });
  });

  it('an assignWasmExports function and an ES module (-sEXPORT_ES6)', () => {
    const read = names(`var wasmImports={a:_fd_write};
      function assignWasmExports(wasmExports){Module["_greet"]=_greet=wasmExports["f"];__indirect_function_table=wasmTable=wasmExports["h"]}
      export default Module;`);
    expect(Object.fromEntries(read.exports)).toEqual({ f: 'greet', h: '__indirect_function_table' });
    expect(read.imports.get('a')).toEqual({ module: 'wasi_snapshot_preview1', name: 'fd_write' });
  });

  it('text that is not JavaScript: where acorn stopped', () => {
    const read = readGlueNames('var asmLibraryArg = {\n  "a": _fd_write,,\n};', 'broken.js');
    expect(read).toMatchObject({ ok: false, error: { code: 'usage', where: { file: 'broken.js', line: 2, column: 18 } } });
  });

  it('JavaScript that names nothing of a module: said so', () => {
    const read = readGlueNames('console.log("hello");', 'other.js');
    expect(read).toMatchObject({ ok: false, error: { message: "other.js names none of the module's imports or exports: it is not the JavaScript Emscripten wrote beside a minified module" } });
  });
});
