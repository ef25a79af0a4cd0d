// Cross-checks our reader against V8. V8 is the reference: when it rejects a module we report
// its reason (with the byte offset it names, "@+123"); when it accepts a module our reader
// disagrees with, that is our bug and is reported as an `internal` error so it gets fixed.
// With lazy compilation (V8's default) `new WebAssembly.Module` validates without compiling.

import type { MemscopeError } from '../../shared/dto.ts';
import type { RawModule, SectionSpan } from './model.ts';

export type V8Verdict =
  | { ok: true; module: WebAssembly.Module }
  | { ok: false; message: string; offset: number | undefined };

export function compileWithV8(bytes: Uint8Array): V8Verdict {
  try {
    // Module bytes are never a SharedArrayBuffer view; the DOM lib's BufferSource insists on it.
    return { ok: true, module: new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>) };
  } catch (e) {
    return { ok: false, ...v8Reason(e) };
  }
}

/** V8's reason for a CompileError, without its "WebAssembly.Module(): " and with its "@+123" as the offset. */
export function v8Reason(e: unknown): { message: string; offset: number | undefined } {
  const raw = e instanceof Error ? e.message : String(e);
  const at = /\s*@\+(\d+)\s*$/.exec(raw);
  const message = raw.replace(/^WebAssembly\.Module\(\):\s*/, '').replace(/\s*@\+\d+\s*$/, '');
  return { message, offset: at ? Number(at[1]) : undefined };
}

/**
 * What a valid module uses that this V8 does not run (Node 20's V8 has memory64 only behind a
 * flag and one memory per module): said first, since V8's own words ("invalid memory limits
 * flags 0x4 (enable via --experimental-wasm-memory64)") read as if the module were broken.
 */
function unsupportedFeature(m: Pick<RawModule, 'memories'>): string | null {
  if (m.memories.some((mem) => mem.memory64)) return 'a 64-bit memory (memory64)';
  if (m.memories.length > 1) return `${m.memories.length} memories (multi-memory)`;
  return null;
}

/**
 * The error for a module V8 rejected after our reader accepted it. Without `sections` (the
 * guest's worker has only the ModuleInfo) the offset is not placed in a section.
 */
export function v8Rejection(verdict: { message: string; offset: number | undefined }, m: Pick<RawModule, 'memories'> & { sections?: SectionSpan[] }): MemscopeError {
  const span = verdict.offset === undefined || !m.sections ? undefined : sectionAt(m.sections, verdict.offset);
  const section = span ? span.name : undefined;
  const prefix = section ? `${section} section: ` : '';
  const feature = unsupportedFeature(m);
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
