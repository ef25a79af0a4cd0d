// A coredump's global section when it holds GC or exception reference types (wasmtime writes an
// anyref global as type 0x6e, `ref.null any`), which the module reader refuses: the rest of the
// dump is read with that one section seen as a custom section of the same length (every offset
// stays where it was). Every dump's globals are read here (with their offsets, which the module
// reader keeps not). A reference's value in a dump is null whatever its type (the convention
// writes no referents), so nothing but the type byte is needed.

import { readModule } from '../module/index.ts';
import type { RawModule, SectionSpan } from '../module/model.ts';
import { ByteReader } from '../module/reader.ts';
import { readConstExpr } from '../module/sections/const-expr.ts';
import { readGlobalType, readNullableRefType, NULLABLE_REF_TYPES } from '../module/sections/value-types.ts';
import type { Result } from '../../shared/dto.ts';
import { zeroValue } from '../../shared/value-format.ts';
import type { CoredumpGlobal } from './model.ts';

/** Where the one global section's contents are (past its id and size), or null. */
interface Span { start: number; end: number }

/**
 * The module reader's view of the dump, and where its global section's contents are (null: it
 * has none), for readRefGlobals: from the reader's own list of sections, or, when the section had
 * to be set aside, from the walk that found it: the file's sections are walked once either way.
 */
export function readDumpModule(bytes: Uint8Array): { module: Result<RawModule>; globals: Span | null } {
  const module = readModule(bytes);
  if (module.ok) return { module, globals: contents(bytes, module.value.sections.find((s) => s.name === 'global')) };
  const span = globalSection(bytes);
  // Only an error inside the global section is one this reads past; any other stays as it was.
  const offset = module.error.where?.offset;
  if (!span || offset === undefined || offset < span.start || offset >= span.end) return { module, globals: null };
  const masked = bytes.slice();
  masked[span.id] = 0;
  // Custom section name "" (a one-byte 0 length); what follows is its payload.
  masked[span.start] = 0;
  const again = readModule(masked);
  return again.ok ? { module: again, globals: span } : { module, globals: null };
}

/** A section's contents: past its id byte and its size. */
function contents(bytes: Uint8Array, section: SectionSpan | undefined): Span | null {
  if (!section) return null;
  const r = new ByteReader(bytes, section.start + 1, section.end);
  r.u32('section size');
  return { start: r.pos, end: section.end };
}

/** The only global section's id offset and contents; null with none or two (the reader says two is wrong). */
export function globalSection(bytes: Uint8Array): (Span & { id: number }) | null {
  const r = new ByteReader(bytes, 8, bytes.length);
  let found: (Span & { id: number }) | null = null;
  try {
    while (!r.atEnd()) {
      const id = r.pos;
      const kind = r.u8('section id');
      const size = r.u32('section size');
      const start = r.pos;
      r.skip(size, 'section');
      if (kind !== 6) continue;
      if (found || size === 0) return null;
      found = { id, start, end: start + size };
    }
  } catch {
    return null;
  }
  return found;
}

/**
 * The globals of a global section, references of any nullable abstract type as null (`refType`
 * naming those WasmValue cannot), each with its byte offset (`at`) for errors about it.
 */
export function readRefGlobals(bytes: Uint8Array, span: Span): CoredumpGlobal[] {
  const r = new ByteReader(bytes, span.start, span.end);
  const n = r.u32('global count');
  const out: CoredumpGlobal[] = [];
  for (let i = 0; i < n; i++) {
    const what = `global ${i}`;
    const start = r.pos;
    if (NULLABLE_REF_TYPES[r.bytes[r.pos]!] === undefined && r.bytes[r.pos] !== 0x63 && r.bytes[r.pos] !== 0x64) {
      // A number or vector global, as the module reader reads it.
      const type = readGlobalType(r);
      const init = readConstExpr(r, `${what} initialiser`);
      // As the module reader takes it: another initialiser (none in a coredump) reads as zero.
      out.push({ mutable: type.mutable, value: init.value ?? zeroValue(type.type), at: start });
      continue;
    }
    const type = readNullableRefType(r, `${what} type`);
    const at = r.pos;
    const mut = r.u8('global mutability');
    if (mut > 1) r.fail(`global mutability must be 0 or 1, found 0x${mut.toString(16)}`, at);
    const init = r.pos;
    // `ref.null T end`, T the type's heap type (its own byte); anything else is no null.
    if (r.u8(`${what} initialiser`) !== 0xd0) r.fail(`${what} (${type.name}) is not initialised with ref.null: a coredump writes references as null`, init);
    readNullableRefType(r, 'ref.null type');
    if (r.u8(`${what} initialiser (missing end)`) !== 0x0b) r.fail(`${what} (${type.name}) is initialised with more than ref.null`, init);
    const value = type.top === 'func' ? { type: 'funcref' as const, func: null } : { type: 'externref' as const, isNull: true };
    out.push({ mutable: mut === 1, value, at: start, ...(type.name === 'funcref' || type.name === 'externref' ? {} : { refType: type.name }) });
  }
  if (!r.atEnd()) r.fail(`global section: ${r.remaining} bytes left over after its ${n} globals`);
  return out;
}
