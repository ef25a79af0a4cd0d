// Valid modules built by real tools (testdata/newer-features/build.sh) that use what Node 20's
// V8 does not run: each is refused as `unsupported`, naming the feature, its section and the
// byte offset of the first use, never as a malformed module. A component is not a core module.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectBytes } from './inspect.ts';

const DIR = resolve(import.meta.dirname, 'testdata', 'newer-features');
const load = (name: string): Uint8Array => readFileSync(resolve(DIR, name));

describe('a valid module using a feature this V8 does not run', () => {
  it.each([
    // i32x4.relaxed_laneselect: 0xfd then LEB128 0x10b, at the first byte of the instruction.
    ['relaxed-simd.wasm', 'relaxed SIMD (i32x4.relaxed_laneselect)', 'code', 76],
    // try_table (0x1f), the exnref encoding of exception handling.
    ['exnref.wasm', 'exception handling in its exnref encoding (try_table)', 'code', 57],
    // global 0's initialiser `global.get 0 i32.const 16 i32.add`; V8 names a byte inside it.
    ['extended-const.wasm', 'extended constant expressions (i32.add in an initialiser)', 'global', 45],
    // type 0: struct (form 0x5f), read by our reader before V8.
    ['gc-struct.wasm', 'GC types (type 0 is a struct, form 0x5f)', 'type', 11],
  ])('%s: unsupported, naming %s, in section %s at byte offset %d', (file, feature, section, offset) => {
    const result = inspectBytes(load(file));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('unsupported');
    expect(result.error.message).toContain(`the module uses ${feature}`);
    expect(result.error.where).toEqual({ section, offset });
  });

  it('a component (header version 0d 00 01 00) is unsupported, not malformed, at byte offset 4', () => {
    const result = inspectBytes(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00]));
    expect(result).toMatchObject({ ok: false, error: { code: 'unsupported', where: { section: 'header', offset: 4 } } });
    if (!result.ok) expect(result.error.message).toMatch(/component model/);
  });
});
