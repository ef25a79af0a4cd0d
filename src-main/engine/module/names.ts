// The `name` custom section (module, function, local, global and data names) and the one way
// guest functions are named in stack traces and call logs.
//
// name section = subsection*, subsection = id:u8 size:u32 payload
//   0 module name: name            1 functions: namemap     2 locals: vec(funcidx namemap)
//   7 globals: namemap             9 data segments: namemap (others are skipped)
// namemap = vec(idx:u32 name)

import type { ModuleInfo, NameSection } from '../../shared/dto.ts';
import { ByteReader } from './reader.ts';

/**
 * Reads the payload of a `name` section. Subsections decoded before a problem are kept; the
 * problem is thrown (as ReadError) for the caller to report as a warning, since engines ignore
 * a malformed name section.
 */
export function readNameSection(r: ByteReader, out: NameSection): void {
  while (!r.atEnd()) {
    const id = r.u8('name subsection id');
    const sizeAt = r.pos;
    const size = r.u32('name subsection size');
    if (size > r.remaining) r.fail(`name subsection ${id} declares ${size} bytes but only ${r.remaining} remain`, sizeAt);
    const sub = r.sub(size, `name subsection ${id}`);
    switch (id) {
      case 0:
        out.module = sub.name('module name');
        break;
      case 1:
        out.functions = readNameMap(sub, 'function name');
        break;
      case 2:
        out.locals = readLocals(sub);
        break;
      case 7:
        out.globals = readNameMap(sub, 'global name');
        break;
      case 9:
        out.data = readNameMap(sub, 'data segment name');
        break;
      default:
        continue; // labels, types, tables, memories, elements, fields, tags: not needed
    }
    if (!sub.atEnd()) sub.fail(`name subsection ${id} has ${sub.remaining} unread bytes`);
  }
}

function readNameMap(r: ByteReader, what: string): Record<number, string> {
  const count = r.u32(`${what} count`);
  const map: Record<number, string> = {};
  for (let i = 0; i < count; i++) {
    const index = r.u32(`${what} index`);
    map[index] = r.name(what);
  }
  return map;
}

function readLocals(r: ByteReader): Record<number, Record<number, string>> {
  const count = r.u32('local name function count');
  const out: Record<number, Record<number, string>> = {};
  for (let i = 0; i < count; i++) {
    const func = r.u32('local name function index');
    out[func] = readNameMap(r, 'local name');
  }
  return out;
}

/**
 * A guest function's display name: its `name` section entry, else V8's own placeholder
 * `wasm-function[N]` (so our traces match what V8 prints when no names are present).
 */
export function formatFunctionName(names: NameSection | null | undefined, index: number): string {
  const name = names?.functions[index];
  return name !== undefined && name !== '' ? name : `wasm-function[${index}]`;
}

/**
 * Function names by index for the guest's frames and writers: the name section's, and for a
 * function it does not name (a stripped or minified module's) the name it is exported by.
 */
export function functionNamesOf(info: Pick<ModuleInfo, 'names' | 'exports'>): Readonly<Record<number, string>> {
  const own = info.names?.functions ?? {};
  let out: Record<number, string> | null = null;
  for (const e of info.exports) {
    if (e.kind === 'func' && own[e.index] === undefined) (out ??= { ...own })[e.index] = e.name;
  }
  return out ?? own;
}

/** `formatFunctionName` for a stack frame whose index may be unknown. */
export function formatFrameName(names: NameSection | null | undefined, index: number | null): string {
  return index === null ? '<unknown>' : formatFunctionName(names, index);
}

/** Decodes a whole name-section payload from bytes (handy for callers holding raw bytes). */
export function parseNameSection(payload: Uint8Array): NameSection {
  const out: NameSection = { functions: {} };
  readNameSection(new ByteReader(payload), out);
  return out;
}
