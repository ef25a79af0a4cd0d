// The memory-cap rewrite (checked against V8 by compiling the rewritten module), and the import
// limits the guest's linker takes from the one reader (defaults for imported memories, tables,
// globals).

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { example, TESTDATA } from '../host/test-helpers.ts';
import { inspectBytes } from './inspect.ts';
import { capMemories } from './memory-cap.ts';

/** wat2wasm of (module (import "env" "t" (table 1 4 funcref)) (import "env" "g" (global (mut i64))) (memory 3)) */
const IMPORTS_AND_MEMORY = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x02, 0x15, 0x02, 0x03,
  0x65, 0x6e, 0x76, 0x01, 0x74, 0x01, 0x70, 0x01, 0x01, 0x04, 0x03, 0x65,
  0x6e, 0x76, 0x01, 0x67, 0x03, 0x7e, 0x01, 0x05, 0x03, 0x01, 0x00, 0x03,
]);

/** wat2wasm of (module (import "env" "mem" (memory 2 8))) */
const IMPORTED_MEMORY = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x02, 0x0d, 0x01, 0x03,
  0x65, 0x6e, 0x76, 0x03, 0x6d, 0x65, 0x6d, 0x02, 0x01, 0x02, 0x08,
]);

describe('memory-cap', () => {
  it('reads imported memory limits and global types', () => {
    expect(WebAssembly.validate(IMPORTS_AND_MEMORY)).toBe(true);
    const both = inspectBytes(IMPORTS_AND_MEMORY);
    if (!both.ok) throw new Error(both.error.message);
    expect(both.value.imports.map((i) => [i.module, i.name, i.kind])).toEqual([['env', 't', 'table'], ['env', 'g', 'global']]);
    expect(both.value.tables[0]).toEqual({ element: 'funcref', min: 1, max: 4 });
    expect(both.value.globals[0]).toMatchObject({ type: 'i64', mutable: true });
    const memory = inspectBytes(IMPORTED_MEMORY);
    if (!memory.ok) throw new Error(memory.error.message);
    expect(memory.value.imports.map((i) => [i.module, i.name, i.kind])).toEqual([['env', 'mem', 'memory']]);
    expect(memory.value.memories[0]).toEqual({ min: 2, max: 8, shared: false, memory64: false });
  });

  it('lowers a missing or larger maximum to the cap, and V8 agrees', () => {
    const capped = capMemories(IMPORTS_AND_MEMORY, 5);
    if (!capped || 'error' in capped) throw new Error('expected a rewrite');
    const module = new WebAssembly.Module(capped.bytes as BufferSource);
    const instance = new WebAssembly.Instance(module, {
      env: { t: new WebAssembly.Table({ element: 'anyfunc', initial: 1, maximum: 4 }), g: new WebAssembly.Global({ value: 'i64', mutable: true }, 0n) },
    });
    expect((instance.exports as Record<string, unknown>).memory).toBeUndefined();
    expect(new WebAssembly.Module(capped.bytes as BufferSource)).toBeTruthy();
    expect(capMemories(capped.bytes, 5)).toBeNull();
    expect(capMemories(IMPORTS_AND_MEMORY, 2)).toEqual({ error: 'memory 0 needs at least 3 pages, above the cap of 2 pages' });
  });

  it('rewrites real modules into valid ones', () => {
    for (const path of [example('return-string'), example('trap'), resolve(TESTDATA, 'host.wasm')]) {
      const capped = capMemories(new Uint8Array(readFileSync(path)), 16);
      expect(capped && !('error' in capped) && WebAssembly.validate(capped.bytes as BufferSource)).toBe(true);
    }
  });
});
