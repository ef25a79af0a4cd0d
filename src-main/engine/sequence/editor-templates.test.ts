// The templates the page's Template row inserts (src-renderer/sequence/templates.ts) parse and
// validate for every export it offers them for (those that fit their shape), named as
// identifiers or not: they were inserted unquoted (`get-name(ret)`, a parse error) and offered
// for a packed shape by the result alone. Here, not beside templates.ts, because it needs the
// engine's parser and validator, which the renderer's DOM-only type check cannot see.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExportInfo, ModuleInfo } from '../../shared/dto.ts';
import { inspectBytes } from '../module/inspect.ts';
import { parseSequence } from './parse.ts';
import { validateSequence } from './validate.ts';
import { fitsPackedI64, fitsResultPointer, isFuncExport, packedI64Template, resultPointerTemplate } from '../../../src-renderer/sequence/templates.ts';

const SEQ_WASM = join(import.meta.dirname, 'testdata/seq.wasm');

function moduleInfo(): ModuleInfo {
  const r = inspectBytes(new Uint8Array(readFileSync(SEQ_WASM)));
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** The module with its function exports also exported under names no identifier can spell. */
function withOddNames(info: ModuleInfo): ModuleInfo {
  const odd: ExportInfo[] = info.exports.filter(isFuncExport).map((e) => ({ ...e, name: `pkg:x/y#${e.name}-v2` }));
  return { ...info, exports: [...info.exports, ...odd] };
}

function problems(text: string, info: ModuleInfo): string[] {
  const parsed = parseSequence(text, 't.wseq');
  const errors = parsed.errors.length ? parsed.errors : validateSequence(parsed.sequence, info);
  return errors.map((e) => `${e.where?.line}:${e.where?.column}: ${e.message}`);
}

describe('templates against a module', () => {
  const info = withOddNames(moduleInfo());
  const funcs = info.exports.filter(isFuncExport);

  it('offers the result-pointer template for pointer-first exports returning nothing, and it validates', () => {
    const offered = funcs.filter(fitsResultPointer);
    expect(offered.map((e) => e.name)).toContain('ReturnString');
    expect(offered.map((e) => e.name)).toContain('pkg:x/y#ReturnString-v2');
    expect(offered.map((e) => e.name)).not.toContain('malloc');
    for (const e of offered) expect(problems(resultPointerTemplate(e, info.allocator), info), e.name).toEqual([]);
    expect(resultPointerTemplate(offered.find((e) => e.name === 'pkg:x/y#ReturnString-v2')!, null)).toContain('"pkg:x/y#ReturnString-v2"(ret)');
  });

  it('offers the packed template only for (i32, i32) -> i64, and it validates', () => {
    const offered = funcs.filter(fitsPackedI64);
    expect(offered.map((e) => e.name).sort()).toEqual(['greeting', 'pkg:x/y#greeting-v2']);
    expect(funcs.some((e) => e.name === 'add64')).toBe(true); // (i64, i64) -> i64: not offered
    for (const e of offered) expect(problems(packedI64Template(e, info.allocator), info), e.name).toEqual([]);
  });
});

describe('templates free what the guest handed back as its allocator frees it', () => {
  const rust = {
    convention: 'alloc' as const,
    alloc: { name: 'alloc', type: { params: ['i32' as const], results: ['i32' as const] } },
    free: { name: 'dealloc', type: { params: ['i32' as const, 'i32' as const], results: [] } },
  };
  const exp = { name: 'greet_packed', type: { params: ['i32' as const, 'i32' as const], results: ['i64' as const] } };

  it('with the length when the free function takes a size (Rust dealloc), since free(p) knows only alloc() blocks', () => {
    const steps = packedI64Template(exp, rust).split('\n');
    expect(steps).toContain('dealloc(ptr, len)');
    expect(steps).toContain('free(arg)');
    expect(resultPointerTemplate({ name: 'get', type: { params: ['i32'], results: [] } }, rust).split('\n')).toContain('dealloc(s.ptr, s.len)');
  });
});
