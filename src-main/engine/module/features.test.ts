// Reader features on hand-assembled modules: multi-value, shared memory, tags, passive data,
// the name/producers/target_features sections, DWARF, memory64 (reader only), plus the
// never-throws guarantee on every truncation and on random byte flips, checked against V8.
import { describe, expect, it } from 'vitest';
import { formatExternType } from '../../shared/type-format.ts';
import { inspectBytes, readModule } from './inspect.ts';
import { formatFunctionName, parseNameSection } from './names.ts';
import { featureModule, memory64Module } from './testing/feature-module.ts';
import { compareWithV8 } from './v8-check.ts';

describe('a module using many features', () => {
  const result = inspectBytes(featureModule());
  if (!result.ok) throw new Error(result.error.message);
  const info = result.value;

  it('reads signatures, including multi-value and empty results', () => {
    // Types are structure; the one formatter writes them as text.
    expect(info.exports.map((e) => ({ ...e, type: formatExternType(e) }))).toEqual([
      { name: 'swap', kind: 'func', type: '(i32, i32) -> (i32, i32)', index: 1 },
      { name: 'memory', kind: 'memory', type: '1..10 pages, shared', index: 0 },
      { name: 'counter', kind: 'global', type: 'mut i64', index: 1 },
      { name: 'oops', kind: 'tag', type: '(i32) -> ()', index: 0 },
      { name: 'table', kind: 'table', type: 'funcref 1..', index: 0 },
      { name: 'log', kind: 'func', type: '(i32) -> i64', index: 0 },
    ]);
    expect(info.imports.map((i) => `${i.module}.${i.name} ${i.kind} ${formatExternType(i)}`)).toEqual([
      'env.mem memory 1..10 pages, shared',
      'env.log func (i32) -> i64',
      'env.base global i32',
      'env.tbl table funcref 1..',
    ]);
  });

  it('reads entities, index spaces with imports first, and segments', () => {
    expect(info.memories).toEqual([{ min: 1, max: 10, shared: true, memory64: false }]);
    expect(info.globals).toEqual([
      { type: 'i32', mutable: false, init: 'imported from env.base', name: 'base' },
      { type: 'i64', mutable: true, init: 'i64.const -5', value: { type: 'i64', bits: 'fffffffffffffffb' }, name: 'counter' },
      { type: 'f32', mutable: false, init: 'f32.const 1.5', value: { type: 'f32', bits: 0x3fc00000 } },
      { type: 'i32', mutable: false, init: 'global.get 0' },
    ]);
    expect(info).toMatchObject({ functionCount: 3, start: 2, elementSegments: 1, dataCount: 2, codeSizes: [6, 2, 4], kind: 'library' });
    expect(info.dataSegments).toEqual([
      { index: 0, mode: 'passive', memory: 0, offset: null, size: 5, name: 'greeting' },
      { index: 1, mode: 'active', memory: 0, offset: 16, offsetExpr: 'i32.const 16', size: 3, name: 'abc' },
    ]);
  });

  it('reads the name, producers and target_features sections and notes DWARF', () => {
    expect(info.names).toEqual({
      module: 'features',
      functions: { 0: 'log', 1: 'swap', 2: 'init' },
      locals: { 1: { 0: 'a', 1: 'b' } },
      globals: { 0: 'base', 1: 'counter' },
      data: { 0: 'greeting', 1: 'abc' },
    });
    expect(info.producers).toEqual({ language: [{ name: 'C11', version: '' }], 'processed-by': [{ name: 'clang', version: '14.0.6' }] });
    expect(info.targetFeatures).toEqual(['+multivalue', '+atomics', '-simd128']);
    expect(info.dwarf).toEqual(['.debug_info']);
    expect(info.customSections.map((s) => s.name)).toEqual(['name', 'producers', 'target_features', '.debug_info']);
    expect(info.toolchain.name).toBe('c');
    expect(info.warnings).toBeUndefined();
  });

  it('names functions for stack traces, falling back to V8 placeholders', () => {
    expect(formatFunctionName(info.names, 1)).toBe('swap');
    expect(formatFunctionName(info.names, 3)).toBe('wasm-function[3]');
    expect(formatFunctionName(null, 0)).toBe('wasm-function[0]');
    const s = info.customSections[0]!;
    expect(parseNameSection(featureModule().subarray(s.offset, s.offset + s.size))).toEqual(info.names);
  });
});

describe('memory64', () => {
  it('reads 64-bit limits and i64 data offsets; V8 decides whether it is enabled', () => {
    const bytes = memory64Module();
    const ours = readModule(bytes);
    expect(ours.ok).toBe(true);
    if (!ours.ok) return;
    expect(ours.value.memories).toEqual([{ min: 1, max: 70000, shared: false, memory64: true }]);
    expect(ours.value.dataSegments[0]).toMatchObject({ offset: 5_000_000_000, offsetExpr: 'i64.const 5000000000' });
    expect(inspectBytes(bytes, { crossCheck: false }).ok).toBe(true);
    const checked = inspectBytes(bytes);
    if (WebAssembly.validate(bytes)) expect(checked.ok).toBe(true);
    else expect(checked).toMatchObject({ ok: false, error: { code: 'unsupported', where: { section: 'memory' } } });
  });
});

describe('robustness against V8', () => {
  const bytes = featureModule();

  it('every truncation is an error value and agrees with V8 on validity', () => {
    for (let n = 0; n < bytes.length; n++) {
      const prefix = bytes.subarray(0, n);
      const result = inspectBytes(prefix);
      expect(result.ok, `prefix of ${n} bytes`).toBe(WebAssembly.validate(prefix));
      if (!result.ok) expect(result.error.code, `prefix of ${n} bytes: ${result.error.message}`).toBe('malformed-module');
    }
  });

  it('random byte flips never throw and never disagree with V8', () => {
    let seed = 12345;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    for (let i = 0; i < 3000; i++) {
      const mutated = bytes.slice();
      const flips = 1 + Math.floor(random() * 3);
      for (let f = 0; f < flips; f++) mutated[8 + Math.floor(random() * (mutated.length - 8))] = Math.floor(random() * 256);
      const result = inspectBytes(mutated);
      // A flip may also spell a feature V8 does not run (a GC type byte, a 64-bit memory): never `internal`.
      if (!result.ok) expect(['malformed-module', 'unsupported'], `mutation ${i}: ${result.error.message}`).toContain(result.error.code);
      expect(result.ok, `mutation ${i}`).toBe(WebAssembly.validate(mutated));
    }
  });
});

describe('cross-check with V8', () => {
  it('names the first import or export where our model and V8 differ', () => {
    const bytes = featureModule();
    const ours = readModule(bytes);
    if (!ours.ok) throw new Error(ours.error.message);
    const v8 = new WebAssembly.Module(bytes);
    expect(compareWithV8(v8, ours.value)).toBeNull();
    const renamed = { ...ours.value, exports: ours.value.exports.map((e, i) => (i === 2 ? { ...e, kind: 'func' as const } : e)) };
    expect(compareWithV8(v8, renamed)).toBe('export 2: V8 sees counter (global), our reader counter (func)');
    const fewer = { ...ours.value, imports: ours.value.imports.slice(1) };
    expect(compareWithV8(v8, fewer)).toBe('V8 sees 4 imports, our reader 3');
  });
});

describe('a data segment past its memory', () => {
  // (module (memory 1) (data (i32.const 65530) "0123456789")): valid, but instantiating it traps.
  const bytes = Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    0x05, 0x03, 0x01, 0x00, 0x01,
    0x0b, 0x12, 0x01, 0x00, 0x41, 0xfa, 0xff, 0x03, 0x0b, 0x0a, ...new TextEncoder().encode('0123456789'),
  ]);

  it('is a warning naming the segment, where it ends and the memory it overruns', () => {
    const info = inspectBytes(bytes);
    if (!info.ok) throw new Error(info.error.message);
    expect(info.value.warnings).toEqual([
      "data segment #0 (10 bytes at 0xfffa) ends past memory 0's initial 65536 bytes: instantiating the module traps",
    ]);
    expect(() => new WebAssembly.Instance(new WebAssembly.Module(bytes))).toThrow(/data segment/i);
  });
});
