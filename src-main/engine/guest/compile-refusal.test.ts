// A module V8 refuses when the worker compiles it (the controlling side leaves validation to
// that compile) is refused as inspect refuses it: `unsupported`, naming the feature, with the
// file's byte offset and section. The worker compiles a rewritten module (the memory cap adds a
// maximum, so its offsets are not the file's), and write tracing rewrites it further.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Session } from '../index.ts';

const FILE = resolve(import.meta.dirname, '..', 'module', 'testdata', 'newer-features', 'relaxed-simd.wasm');
const opened: Session[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) await s.dispose();
});

describe('a relaxed SIMD module (no memory maximum) opened for a run', () => {
  it.each([false, true])('write tracing %s: unsupported at the file\'s byte offset 76, in the code section', async (traceWrites) => {
    const r = await Session.open({ moduleBytes: readFileSync(FILE), moduleName: 'relaxed-simd.wasm', config: { traceWrites } });
    if (r.ok) opened.push(r.value);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('unsupported');
    expect(r.error.message).toMatch(/^the module uses relaxed SIMD \(i32x4\.relaxed_laneselect\), which the WebAssembly engine/);
    expect(r.error.where).toMatchObject({ section: 'code', offset: 76 });
  });
});
