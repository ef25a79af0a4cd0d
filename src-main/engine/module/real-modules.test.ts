// Real modules (the examples and any .wasm shipped in node_modules): our reader must agree with
// V8 on validity and on every import and export name and kind, and name the right toolchain.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatExternType } from '../../shared/type-format.ts';
import { findWasmFiles } from './find-wasm.ts';
import { inspectBytes, inspectFile } from './inspect.ts';

const ROOT = join(import.meta.dirname, '../../..');
const EXAMPLES = join(ROOT, 'resources/examples');

async function collect(dir: string): Promise<string[]> {
  const out: string[] = [];
  if (!existsSync(dir)) return out;
  for await (const f of findWasmFiles(dir)) out.push(f);
  return out;
}

describe('real modules agree with V8', () => {
  let files: string[] = [];
  beforeAll(async () => {
    files = [
      ...(await collect(join(import.meta.dirname, 'testdata'))),
      ...(await collect(EXAMPLES)),
      ...(await collect(join(ROOT, 'node_modules'))),
    ];
  });

  it('validity and every import/export name and kind', async () => {
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const bytes = await readFile(file);
      const result = inspectBytes(bytes);
      const valid = WebAssembly.validate(bytes);
      expect(result.ok, `${file}: ${result.ok ? '' : result.error.message}`).toBe(valid);
      if (!result.ok || !valid) continue;
      const mod = new WebAssembly.Module(bytes);
      const kind = (k: string): string => (k === 'function' ? 'func' : k);
      expect(result.value.imports.map((i) => [i.module, i.name, i.kind]), file)
        .toEqual(WebAssembly.Module.imports(mod).map((i) => [i.module, i.name, kind(i.kind)]));
      expect(result.value.exports.map((e) => [e.name, e.kind]), file)
        .toEqual(WebAssembly.Module.exports(mod).map((e) => [e.name, kind(e.kind)]));
      const names = result.value.customSections.map((s) => s.name);
      for (const n of new Set(names)) {
        expect(names.filter((x) => x === n).length, `${file} custom ${n}`).toBe(WebAssembly.Module.customSections(mod, n).length);
      }
    }
  });

  it('byte flips in real modules never throw and agree with V8', async () => {
    let seed = 99;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    for (const file of files.slice(0, 6)) {
      const bytes = await readFile(file);
      for (let i = 0; i < 150; i++) {
        const mutated = Uint8Array.from(bytes);
        mutated[8 + Math.floor(random() * (mutated.length - 8))] = Math.floor(random() * 256);
        const result = inspectBytes(mutated);
        if (!result.ok) expect(['malformed-module', 'unsupported'], `${file} mutation ${i}: ${result.error.message}`).toContain(result.error.code);
        expect(result.ok, `${file} mutation ${i}`).toBe(WebAssembly.validate(mutated));
      }
    }
  });
});

describe('post-MVP features built by wat2wasm (testdata/post-mvp.wat)', () => {
  it('reads reference types, element forms, SIMD and f64 globals, passive data and names', async () => {
    const r = await inspectFile(join(import.meta.dirname, 'testdata/post-mvp.wasm'));
    if (!r.ok) throw new Error(r.error.message);
    const info = r.value;
    expect(info.names?.module).toBe('post_mvp');
    expect(info.tables).toEqual([
      { element: 'externref', min: 2, max: null },
      { element: 'funcref', min: 4, max: null },
      { element: 'externref', min: 1, max: 8 },
    ]);
    expect(info.globals.map((g) => `${g.name} ${g.mutable ? 'mut ' : ''}${g.type} = ${g.init}`)).toEqual([
      'counter mut i64 = imported from env.counter',
      'fref funcref = ref.func 1',
      'nullref mut externref = ref.null extern',
      'vec v128 = v128.const 0x01000000020000000300000004000000',
      'pi f64 = f64.const 3.141592653589793',
    ]);
    expect(formatExternType(info.exports.find((e) => e.name === 'pair')!)).toBe('(i32, i64) -> (i64, i32)');
    expect(formatExternType(info.imports.find((i) => i.name === 'callback')!)).toBe('(externref) -> i32');
    expect(info).toMatchObject({ elementSegments: 4, dataCount: 2, functionCount: 3 });
    expect(info.dataSegments.map((d) => [d.name, d.mode, d.offset, d.size])).toEqual([['greeting', 'passive', null, 15], ['fixed', 'active', 256, 4]]);
  });
});

describe('the examples, when present', () => {
  const example = (name: string): string => join(EXAMPLES, name, `${name}.wasm`);
  const maybe = (name: string) => it.skipIf(!existsSync(example(name)));

  maybe('return-string')('return-string: C reactor with malloc/free', async () => {
    const r = await inspectFile(example('return-string'));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.toolchain.name).toBe('c');
    expect(r.value.toolchain.evidence[0]).toMatch(/^producers: language C/);
    expect(r.value.allocator).toMatchObject({ convention: 'malloc', alloc: { name: 'malloc', type: { params: ['i32'], results: ['i32'] } }, free: { name: 'free', type: { params: ['i32'], results: [] } } });
  });

  maybe('wasi-cat')('wasi-cat: a WASI command', async () => {
    const r = await inspectFile(example('wasi-cat'));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.kind).toBe('command');
    expect(r.value.toolchain.name).toBe('c');
    expect(r.value.imports.every((i) => i.module === 'wasi_snapshot_preview1')).toBe(true);
  });

  maybe('assemblyscript-strings')('assemblyscript-strings: AssemblyScript with __new/__pin/__unpin', async () => {
    const r = await inspectFile(example('assemblyscript-strings'));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.toolchain.name).toBe('assemblyscript');
    expect(r.value.allocator).toMatchObject({
      convention: 'assemblyscript', alloc: { name: '__new', type: { params: ['i32', 'i32'], results: ['i32'] } }, free: null,
      pin: { name: '__pin' }, unpin: { name: '__unpin' },
    });
  });

  maybe('multi-value')('multi-value: signatures with several results', async () => {
    const r = await inspectFile(example('multi-value'));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.exports.some((e) => /-> \(\w+, \w+(, \w+)*\)$/.test(formatExternType(e)))).toBe(true);
  });

  it('a missing file is an io error value', async () => {
    const r = await inspectFile(join(EXAMPLES, 'no-such-module.wasm'));
    expect(r).toMatchObject({ ok: false, error: { code: 'io', message: 'cannot read: no such file or directory', where: { file: join(EXAMPLES, 'no-such-module.wasm') } } });
  });
});
