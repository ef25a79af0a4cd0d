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
    const raw = e instanceof Error ? e.message : String(e);
    const at = /\s*@\+(\d+)\s*$/.exec(raw);
    const message = raw.replace(/^WebAssembly\.Module\(\):\s*/, '').replace(/\s*@\+\d+\s*$/, '');
    return { ok: false, message, offset: at ? Number(at[1]) : undefined };
  }
}

/** The error for a module V8 rejected after our reader accepted it. */
export function v8Rejection(verdict: { message: string; offset: number | undefined }, m: RawModule): MemscopeError {
  const span = verdict.offset === undefined ? undefined : sectionAt(m.sections, verdict.offset);
  const section = span ? span.name : undefined;
  const prefix = section ? `${section} section: ` : '';
  return {
    code: 'malformed-module',
    message: `${prefix}${verdict.message} (rejected by V8)`,
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
