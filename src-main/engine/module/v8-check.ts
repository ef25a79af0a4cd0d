// Cross-checks our reader against V8. V8 is the reference: when it rejects a module we report
// its reason (with the byte offset it names, "@+123"); when it accepts a module our reader
// disagrees with, that is our bug and is reported as an `internal` error so it gets fixed.
// With lazy compilation (V8's default) `new WebAssembly.Module` validates without compiling.

import type { MemscopeError } from '../../shared/dto.ts';
import type { RawModule, SectionSpan } from './model.ts';
import { ByteReader } from './reader.ts';

/** V8's reason for refusing a module, and the byte offset it names. */
export type V8Refusal = { message: string; offset: number | undefined };

export type V8Verdict = { ok: true; module: WebAssembly.Module } | ({ ok: false } & V8Refusal);

export function compileWithV8(bytes: Uint8Array): V8Verdict {
  try {
    // Module bytes are never a SharedArrayBuffer view; the DOM lib's BufferSource insists on it.
    return { ok: true, module: new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>) };
  } catch (e) {
    return { ok: false, ...v8Reason(e) };
  }
}

/** V8's reason for a CompileError, without its "WebAssembly.Module(): " and with its "@+123" as the offset. */
export function v8Reason(e: unknown): V8Refusal {
  const raw = e instanceof Error ? e.message : String(e);
  const at = /\s*@\+(\d+)\s*$/.exec(raw);
  const message = raw.replace(/^WebAssembly\.Module\(\):\s*/, '').replace(/\s*@\+\d+\s*$/, '');
  return { message, offset: at ? Number(at[1]) : undefined };
}

/**
 * What a valid module uses that this V8 does not run (Node 20's V8 11.3 has memory64, relaxed
 * SIMD, exnref, extended-const and GC only behind flags, and one memory per module): said
 * first, since V8's own words ("invalid memory limits flags 0x4 …", "Invalid opcode 0x1f")
 * read as if the module were broken. Memories are read from the model; an instruction from the
 * bytes at V8's offset, which in a function body is the instruction's first byte. In a constant
 * expression V8 names some byte of it, so there its own words name the operator.
 */
function unsupportedFeature(m: Pick<RawModule, 'memories'>, bytes: Uint8Array | undefined, verdict: V8Refusal, section: string | undefined): string | null {
  if (m.memories.some((mem) => mem.memory64)) return 'a 64-bit memory (memory64)';
  if (m.memories.length > 1) return `${m.memories.length} memories (multi-memory)`;
  if (section === 'code' && bytes && verdict.offset !== undefined) return unsupportedInstruction(bytes, verdict.offset);
  const constOp = /^opcode (i(?:32|64)\.(?:add|sub|mul)) is not allowed in constant expressions/.exec(verdict.message);
  if (constOp && (section === 'global' || section === 'data' || section === 'element')) {
    return `extended constant expressions (${constOp[1]} in an initialiser)`;
  }
  return null;
}

/** Relaxed SIMD: 0xfd then a LEB128 sub-opcode 0x100..0x113 (relaxed-simd proposal's overview). */
const RELAXED_SIMD: Record<number, string> = {
  0x100: 'i8x16.relaxed_swizzle', 0x101: 'i32x4.relaxed_trunc_f32x4_s', 0x102: 'i32x4.relaxed_trunc_f32x4_u',
  0x103: 'i32x4.relaxed_trunc_f64x2_s_zero', 0x104: 'i32x4.relaxed_trunc_f64x2_u_zero', 0x105: 'f32x4.relaxed_madd',
  0x106: 'f32x4.relaxed_nmadd', 0x107: 'f64x2.relaxed_madd', 0x108: 'f64x2.relaxed_nmadd', 0x109: 'i8x16.relaxed_laneselect',
  0x10a: 'i16x8.relaxed_laneselect', 0x10b: 'i32x4.relaxed_laneselect', 0x10c: 'i64x2.relaxed_laneselect',
  0x10d: 'f32x4.relaxed_min', 0x10e: 'f32x4.relaxed_max', 0x10f: 'f64x2.relaxed_min', 0x110: 'f64x2.relaxed_max',
  0x111: 'i16x8.relaxed_q15mulr_s', 0x112: 'i16x8.relaxed_dot_i8x16_i7x16_s', 0x113: 'i32x4.relaxed_dot_i8x16_i7x16_add_s',
};

/**
 * GC and typed-reference instructions (0xfb, call_ref, throw_ref) need a reference type our
 * reader refuses before V8 is asked, so only try_table and relaxed SIMD reach here.
 */
function unsupportedInstruction(bytes: Uint8Array, at: number): string | null {
  const op = bytes[at];
  if (op === 0x1f) return 'exception handling in its exnref encoding (try_table)';
  if (op !== 0xfd) return null;
  try {
    const name = RELAXED_SIMD[new ByteReader(bytes, at + 1).u32('SIMD opcode')];
    return name ? `relaxed SIMD (${name})` : null;
  } catch {
    return null; // the sub-opcode runs past the end: V8's words stand alone
  }
}

/**
 * The error for a module V8 rejected after our reader accepted it. Without `sections` (the
 * guest's worker has only the ModuleInfo) the offset is not placed in a section; without the
 * module's `bytes` an instruction V8 does not run is not named.
 */
export function v8Rejection(verdict: V8Refusal, m: Pick<RawModule, 'memories'> & { sections?: SectionSpan[] }, bytes?: Uint8Array): MemscopeError {
  const span = verdict.offset === undefined || !m.sections ? undefined : sectionAt(m.sections, verdict.offset);
  const section = span ? span.name : undefined;
  const prefix = section ? `${section} section: ` : '';
  const feature = unsupportedFeature(m, bytes, verdict, section);
  const gap = feature ? `the module uses ${feature}, which the WebAssembly engine Memscope runs on (V8 ${process.versions.v8}) does not support; ` : '';
  return {
    code: feature ? 'unsupported' : 'malformed-module',
    message: `${gap}${prefix}${verdict.message} (rejected by V8)`,
    where: { ...(verdict.offset !== undefined && { offset: verdict.offset }), ...(section && { section }) },
  };
}

const V8_KINDS: Record<string, string> = { function: 'func', table: 'table', memory: 'memory', global: 'global', tag: 'tag' };

/** Compares every import and export name and kind; returns a description of the first difference. */
export function compareWithV8(module: WebAssembly.Module, m: RawModule): string | null {
  const v8Imports = WebAssembly.Module.imports(module);
  if (v8Imports.length !== m.imports.length) {
    return `V8 sees ${v8Imports.length} imports, our reader ${m.imports.length}`;
  }
  for (let i = 0; i < v8Imports.length; i++) {
    const a = v8Imports[i]!;
    const b = m.imports[i]!;
    const kind = V8_KINDS[a.kind] ?? a.kind;
    if (a.module !== b.module || a.name !== b.name || kind !== b.kind) {
      return `import ${i}: V8 sees ${a.module}.${a.name} (${kind}), our reader ${b.module}.${b.name} (${b.kind})`;
    }
  }
  const v8Exports = WebAssembly.Module.exports(module);
  if (v8Exports.length !== m.exports.length) {
    return `V8 sees ${v8Exports.length} exports, our reader ${m.exports.length}`;
  }
  for (let i = 0; i < v8Exports.length; i++) {
    const a = v8Exports[i]!;
    const b = m.exports[i]!;
    const kind = V8_KINDS[a.kind] ?? a.kind;
    if (a.name !== b.name || kind !== b.kind) {
      return `export ${i}: V8 sees ${a.name} (${kind}), our reader ${b.name} (${b.kind})`;
    }
  }
  return null;
}

function sectionAt(spans: SectionSpan[], offset: number): SectionSpan | undefined {
  return spans.find((s) => offset >= s.start && offset < s.end);
}
