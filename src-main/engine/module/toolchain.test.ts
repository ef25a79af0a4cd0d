// Toolchain, allocator and kind detection on small modules carrying each toolchain's marks.
import { describe, expect, it } from 'vitest';
import type { ModuleInfo } from '../../shared/dto.ts';
import { inspectBytes } from './inspect.ts';
import { specModule, type FuncSpec, type ModuleSpec } from './testing/spec-module.ts';

function info(spec: ModuleSpec): ModuleInfo {
  const r = inspectBytes(specModule(spec));
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const WASI_WRITE: FuncSpec & { module: string } = { module: 'wasi_snapshot_preview1', name: 'fd_write', params: ['i32', 'i32', 'i32', 'i32'], results: ['i32'] };

describe('toolchain detection', () => {
  const cases: [string, ModuleSpec, string, RegExp][] = [
    ['AssemblyScript by abort import and __new', {
      imports: [{ module: 'env', name: 'abort', params: ['i32', 'i32', 'i32', 'i32'] }],
      exports: [{ name: '__new', params: ['i32', 'i32'], results: ['i32'] }],
    }, 'assemblyscript', /^export __new$/],
    ['AssemblyScript by ~lib names', { functionNames: ['~lib/rt/tlsf/allocateBlock'] }, 'assemblyscript', /function name ~lib\//],
    ['Go (gc, js/wasm) by gojs imports', {
      imports: [{ module: 'gojs', name: 'runtime.wasmExit', params: ['i32'] }],
      exports: [{ name: 'run', params: ['i32', 'i32'] }, { name: 'resume' }, { name: 'getsp', results: ['i32'] }],
    }, 'go', /import gojs\.runtime\.wasmExit/],
    ['Go (gc, wasip1) by go:buildid', { imports: [WASI_WRITE], exports: [{ name: '_start' }], customSections: ['go:buildid'], functionNames: ['runtime.schedinit'] }, 'go', /custom section go:buildid/],
    ['TinyGo by runtime.ticks import and tinygo names', {
      imports: [{ module: 'gojs', name: 'runtime.ticks', results: ['f64'] }],
      functionNames: ['runtime.alloc', 'tinygo_getCurrentStackPointer'],
    }, 'tinygo', /tinygo/],
    ['Rust by wasm-bindgen imports', {
      imports: [{ module: '__wbindgen_placeholder__', name: '__wbindgen_describe', params: ['i32'] }],
      exports: [{ name: '__wbindgen_malloc', params: ['i32', 'i32'], results: ['i32'] }],
    }, 'rust', /__wbindgen_/],
    ['Rust by rust_begin_unwind and producers', { functionNames: ['rust_begin_unwind', '__wasilibc_populate_preopens'], producers: { language: [['Rust', '']], 'processed-by': [['rustc', '1.63.0'], ['clang', '14.0.6']] } }, 'rust', /producers: language Rust/],
    ['C by producers language and clang + WASI', { imports: [WASI_WRITE], producers: { language: [['C11', '']], 'processed-by': [['clang', '14.0.6']] } }, 'c', /language C11/],
    ['C++ by LLVM\'s versioned language name', { imports: [WASI_WRITE], producers: { language: [['C_plus_plus_14', '']] } }, 'c', /language C_plus_plus_14/],
    ['C (wasi-libc) by clang and WASI imports alone', { imports: [WASI_WRITE], producers: { 'processed-by': [['clang', '16.0.0']] } }, 'c', /processed-by clang/],
    ['Zig by std. names', { functionNames: ['std.debug.panicImpl', 'main'] }, 'zig', /std\.debug/],
    ['Emscripten by emscripten_ imports', {
      imports: [{ module: 'env', name: 'emscripten_memcpy_big', params: ['i32', 'i32', 'i32'] }],
      exports: [{ name: 'stackAlloc', params: ['i32'], results: ['i32'] }],
    }, 'emscripten', /emscripten_memcpy_big/],
    ['Emscripten by the producers sdk', { producers: { sdk: [['Emscripten', '3.1.50']] } }, 'emscripten', /sdk Emscripten 3\.1\.50/],
    ['unknown for a bare module', { exports: [{ name: 'add', params: ['i32', 'i32'], results: ['i32'] }] }, 'unknown', /no producers entry/],
    ['TinyGo by runtime names with malloc exported', { functionNames: ['runtime.alloc'], exports: [{ name: 'malloc', params: ['i32'], results: ['i32'] }] }, 'tinygo', /runtime\.alloc with an exported malloc/],
    ['Go by runtime names without malloc', { functionNames: ['main.main', 'runtime.gopark'] }, 'go', /runtime\.gopark without an exported malloc/],
    ['Go by the producers language alone', { producers: { 'processed-by': [['wasm-opt', '116']], language: [['Go', '1.21']] } }, 'go', /language Go/],
  ];
  for (const [label, spec, toolchain, evidence] of cases) {
    it(label, () => {
      const t = info(spec).toolchain;
      expect(t.name).toBe(toolchain);
      expect(t.evidence.some((e) => evidence.test(e)), t.evidence.join(' | ')).toBe(true);
    });
  }
});

describe('allocator detection', () => {
  it('finds each convention with its signatures', () => {
    expect(info({ exports: [{ name: 'malloc', params: ['i32'], results: ['i32'] }, { name: 'free', params: ['i32'] }] }).allocator)
      .toEqual({ convention: 'malloc', alloc: { name: 'malloc', type: { params: ['i32'], results: ['i32'] } }, free: { name: 'free', type: { params: ['i32'], results: [] } } });
    expect(info({ exports: [{ name: 'allocate', params: ['i32'], results: ['i32'] }, { name: 'deallocate', params: ['i32', 'i32'] }] }).allocator)
      .toEqual({ convention: 'allocate', alloc: { name: 'allocate', type: { params: ['i32'], results: ['i32'] } }, free: { name: 'deallocate', type: { params: ['i32', 'i32'], results: [] } } });
    expect(info({ exports: [{ name: 'cabi_realloc', params: ['i32', 'i32', 'i32', 'i32'], results: ['i32'] }] }).allocator)
      .toEqual({ convention: 'cabi_realloc', alloc: { name: 'cabi_realloc', type: { params: ['i32', 'i32', 'i32', 'i32'], results: ['i32'] } }, free: null });
    expect(info({ exports: [{ name: '__wbindgen_malloc', params: ['i32', 'i32'], results: ['i32'] }, { name: '__wbindgen_free', params: ['i32', 'i32', 'i32'] }] }).allocator)
      .toMatchObject({ convention: 'wbindgen', free: { name: '__wbindgen_free', type: { params: ['i32', 'i32', 'i32'], results: [] } } });
    expect(info({ exports: [{ name: '__new', params: ['i32', 'i32'], results: ['i32'] }, { name: '__pin', params: ['i32'], results: ['i32'] }, { name: '__unpin', params: ['i32'] }] }).allocator)
      .toEqual({ convention: 'assemblyscript', alloc: { name: '__new', type: { params: ['i32', 'i32'], results: ['i32'] } }, free: null, pin: { name: '__pin', type: { params: ['i32'], results: ['i32'] } }, unpin: { name: '__unpin', type: { params: ['i32'], results: [] } } });
  });

  it('prefers malloc/free over cabi_realloc, and finds none without exports', () => {
    expect(info({ exports: [{ name: 'cabi_realloc', params: ['i32', 'i32', 'i32', 'i32'], results: ['i32'] }, { name: 'malloc', params: ['i32'], results: ['i32'] }] }).allocator?.convention).toBe('malloc');
    expect(info({}).allocator).toBeNull();
  });
});

describe('module kind', () => {
  it('command with _start, reactor with _initialize, library otherwise', () => {
    expect(info({ exports: [{ name: '_start' }] }).kind).toBe('command');
    expect(info({ exports: [{ name: '_initialize' }, { name: 'f' }] }).kind).toBe('reactor');
    expect(info({ exports: [{ name: 'f' }] }).kind).toBe('library');
  });
});
