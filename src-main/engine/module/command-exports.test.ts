// wasm-ld's wrappers around a WASI command's exports, found without names (the name section
// only checks the answer): every real command with exports besides _start, and none else.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inspectBytes } from './inspect.ts';

function inspect(path: string) {
  const r = inspectBytes(new Uint8Array(readFileSync(new URL(path, import.meta.url))));
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe("a command's exports wasm-ld wrapped in constructors and destructors", () => {
  it.each([
    ['./testdata/command-exports/command-exports.wasm', ['twice']],
    ['../../../resources/examples/wasi-cat/wasi-cat.wasm', ['cat_buffer', 'cat_total']],
    ['../../../resources/examples/rust-wasi/rust-wasi.wasm', ['main']],
    ['../guest/testdata/rust-panic.wasm', ['checked_div', 'index', 'main']],
  ])('%s (clang-19, clang-14, Rust 1.63): %j, around __wasm_call_ctors and __wasm_call_dtors', (path, exports) => {
    const info = inspect(path);
    expect(info.commandExports?.exports).toEqual(exports);
    expect(info.names?.functions[info.commandExports!.ctors]).toBe('__wasm_call_ctors');
    expect(info.names?.functions[info.commandExports!.dtors]).toBe('__wasm_call_dtors');
  });

  it.each([
    './testdata/command-exports/command-exports-reactor.wasm',
    '../../../resources/examples/clang19-wasi/clang19-wasi.wasm',
    '../../../resources/examples/return-string/return-string.wasm',
    '../../../resources/examples/go-hello/go-hello.wasm',
  ])('%s: none (a reactor, a command with only _start, a library, Go)', (path) => {
    expect(inspect(path).commandExports).toBeUndefined();
  });
});
