// The runtime's own binary walking: import limits for defaults, and the memory-cap rewrite
// (checked against V8 by compiling the rewritten module).

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capMemories, importDescs } from './wasm-binary.ts';
import { example, TESTDATA } from './test-helpers.ts';

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

describe('wasm-binary', () => {
  it('reads imported memory limits and global types', () => {
    expect(WebAssembly.validate(IMPORTS_AND_MEMORY)).toBe(true);
    expect(importDescs(IMPORTS_AND_MEMORY)).toEqual([
      { module: 'env', name: 't', kind: 'table', element: 'anyfunc', limits: { min: 1, max: 4, shared: false, memory64: false } },
      { module: 'env', name: 'g', kind: 'global', value: 'i64', mutable: true },
    ]);
    expect(importDescs(IMPORTED_MEMORY)).toEqual([
      { module: 'env', name: 'mem', kind: 'memory', limits: { min: 2, max: 8, shared: false, memory64: false } },
    ]);
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
