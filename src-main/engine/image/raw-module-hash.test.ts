// A raw .bin is memory alone: opened without its module, no module hash is known, and a snapshot
// exported from it says so (an empty moduleSha256), not the hash of the dump as if a module's.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { example } from '../host/test-helpers.ts';
import { loadSnapshot } from '../memory/snapshot.ts';
import { sha256Hex } from '../module/sha256.ts';
import { wasmtimeShapedCoredump } from '../coredump/testing/wasmtime-shaped.ts';
import { openMemoryImage } from './open-image.ts';

function value<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const raw = new Uint8Array(65536);
raw.set([1, 2, 3], 100);

describe('a raw .bin\'s module hash', () => {
  it('without its module: none, in the image and in a snapshot exported from it, which opens again', async () => {
    const image = value(openMemoryImage({ name: 'memory.bin', bytes: raw }));
    expect(image.moduleSha256).toBe('');
    const saved = value(await image.exportSnapshot({ format: 'sparse' }));
    const loaded = value(loadSnapshot(saved.bytes));
    expect(loaded.manifest.moduleSha256).toBe('');
    expect(loaded.manifest.moduleName).toBe('memory.bin');
    expect(value(openMemoryImage({ name: saved.fileName, bytes: saved.bytes })).moduleSha256).toBe('');
  });

  it('with its module: the module\'s', async () => {
    const module = new Uint8Array(readFileSync(example('trap')));
    const image = value(openMemoryImage({ name: 'memory.bin', bytes: raw }, { name: 'trap.wasm', bytes: module }));
    expect(image.moduleSha256).toBe(sha256Hex(module));
    const saved = value(await image.exportSnapshot({ format: 'sparse' }));
    expect(value(loadSnapshot(saved.bytes)).manifest.moduleSha256).toBe(sha256Hex(module));
  });
  it('a snapshot that records no module takes any module beside it for names', async () => {
    const saved = value(await value(openMemoryImage({ name: 'memory.bin', bytes: raw })).exportSnapshot({ format: 'sparse' }));
    const module = new Uint8Array(readFileSync(example('trap')));
    expect(value(openMemoryImage({ name: saved.fileName, bytes: saved.bytes }, { name: 'trap.wasm', bytes: module })).imageInfo.namesFrom).toBe('trap.wasm');
  });
});

describe('a coredump\'s module hash', () => {
  const dump = wasmtimeShapedCoredump({ processName: 'trap.wasm', moduleName: 'trap.wasm', memory: raw, maxPages: 2, globals: [], frames: [] });
  it('without its module: none (it was the dump\'s own); with it: the module\'s', () => {
    expect(value(openMemoryImage({ name: 'trap.core', bytes: dump })).moduleSha256).toBe('');
    const module = new Uint8Array(readFileSync(example('trap')));
    expect(value(openMemoryImage({ name: 'trap.core', bytes: dump }, { name: 'trap.wasm', bytes: module })).moduleSha256).toBe(sha256Hex(module));
  });
});
