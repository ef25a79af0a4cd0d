// Sequence names as identifiers of the exported languages: a struct field `s.ptr` becomes the
// variable `s_ptr` (Rust and Go bind each field of a struct read on its own), and a name that
// is a keyword gets a trailing underscore.

import type { Expr } from '../engine/index.ts';
import type { TypeLayout } from '../engine/index.ts';
import { GO_HELPERS } from './go-prelude.ts';
import { RUST_HELPERS } from './rust-prelude.ts';

/**
 * Every top-level name the Go and Rust preludes declare (`var stepLine, stepColumn int` both),
 * read from their text: a binding of that name would hide it (`checkStep = 1` made an expect's
 * checkStep() no function; `let fround = 1` hid Rust's). A hand list of them fell behind the
 * preludes, and a program that did not build was the first to say so.
 */
export const PRELUDE_NAMES: readonly string[] = [
  ...GO_HELPERS.matchAll(/^(?:func|var|const|type) (\w+(?:, \w+)*)/gm),
  ...RUST_HELPERS.matchAll(/^(?:pub )?(?:fn|const|static|struct|enum|type) (\w+)/gm),
].flatMap((m) => m[1]!.split(', '));

const KEYWORDS = new Set([
  // Rust
  'as', 'break', 'const', 'continue', 'crate', 'else', 'enum', 'extern', 'false', 'fn', 'for', 'if', 'impl', 'in',
  'let', 'loop', 'match', 'mod', 'move', 'mut', 'pub', 'ref', 'return', 'self', 'static', 'struct', 'super',
  'trait', 'true', 'type', 'unsafe', 'use', 'where', 'while', 'async', 'await', 'dyn', 'box', 'yield',
  // Go
  'chan', 'default', 'defer', 'fallthrough', 'func', 'go', 'goto', 'import', 'interface', 'map', 'package',
  'range', 'select', 'switch', 'var', 'len', 'cap', 'copy', 'string', 'byte', 'error', 'new', 'make', 'ok', 'err',
  // the programs' own names, and those a step declares
  'memory', 'store', 'instance', 'module', 'linker', 'engine', 'ctx', 'mod', 'mem', 'r', 'main', 'fitArg',
  'expect', 'must', 'tempRet0', 'det', 'wasm', 'res', 'data', 'base', 'cctx', 'cancel',
  // the Go programs' packages
  'api', 'wazero', 'sys', 'fmt', 'os', 'math', 'big', 'hex', 'json', 'errors', 'bytes', 'strings', 'strconv', 'utf8', 'utf16',
  'time', 'context', 'wasi_snapshot_preview1',
  ...PRELUDE_NAMES,
]);

export function ident(name: string): string {
  return KEYWORDS.has(name) ? `${name}_` : name;
}

/** `s.ptr` → `s_ptr`; other expressions are not paths (null). */
export function pathName(e: Expr): string | null {
  if (e.kind === 'name') return ident(e.name);
  if (e.kind === 'field') {
    const base = pathName(e.object);
    return base === null ? null : `${base}_${e.field}`;
  }
  return null;
}

export interface Leaf {
  /** Variable suffix: `in_x` for the field `in.x`. */
  path: string;
  /** As the sequence writes it: `in.x`. */
  label: string;
  offset: number;
  type: string;
}

/** Every leaf field of a struct layout: its variable suffix, label, offset and numeric type. */
export function leaves(layout: TypeLayout, prefix: string[] = [], base = 0): Leaf[] {
  return layout.fields.flatMap((f) => f.type.kind === 'num'
    ? [{ path: [...prefix, f.name].join('_'), label: [...prefix, f.name].join('.'), offset: base + f.offset, type: f.type.type }]
    : leaves(f.layout, [...prefix, f.name], base + f.offset));
}

/**
 * A struct binding as memscope run prints it, `{a: %, in: {x: %, y: %}}`: a struct inside one in
 * braces of its own (the leaves' labels are flat, `in.x`), one `%` per leaf in the order of `fields`.
 */
export function structShape(fields: Leaf[], depth = 0): string {
  const keys = [...new Set(fields.map((f) => f.label.split('.')[depth]!))];
  return `{${keys.map((key) => {
    const inner = fields.filter((f) => f.label.split('.')[depth] === key);
    return `${key}: ${inner.length === 1 && inner[0]!.label.split('.').length === depth + 1 ? '%' : structShape(inner, depth + 1)}`;
  }).join(', ')}}`;
}
