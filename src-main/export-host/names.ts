// Sequence names as identifiers of the exported languages: a struct field `s.ptr` becomes the
// variable `s_ptr` (Rust and Go bind each field of a struct read on its own), and a name that
// is a keyword gets a trailing underscore.

import type { Expr } from '../engine/index.ts';
import type { TypeLayout } from '../engine/index.ts';

const KEYWORDS = new Set([
  // Rust
  'as', 'break', 'const', 'continue', 'crate', 'else', 'enum', 'extern', 'false', 'fn', 'for', 'if', 'impl', 'in',
  'let', 'loop', 'match', 'mod', 'move', 'mut', 'pub', 'ref', 'return', 'self', 'static', 'struct', 'super',
  'trait', 'true', 'type', 'unsafe', 'use', 'where', 'while', 'async', 'await', 'dyn', 'box', 'yield',
  // Go
  'chan', 'default', 'defer', 'fallthrough', 'func', 'go', 'goto', 'import', 'interface', 'map', 'package',
  'range', 'select', 'switch', 'var', 'len', 'cap', 'copy', 'string', 'byte', 'error', 'new', 'make', 'ok', 'err',
  // the programs' own names
  'memory', 'store', 'instance', 'module', 'linker', 'engine', 'ctx', 'mod', 'mem', 'r', 'main', 'fitArg',
  // the Go prelude's integer operations and checks (a binding of that name would hide the function)
  'num', 'numText', 'unsigned', 'add', 'sub', 'mul', 'neg', 'and', 'or', 'xor', 'not', 'quo', 'rem', 'shl', 'shr',
  'shiftCount', 'toFloat', 'flt', 'low', 'fitInt', 'needInt', 'fitFloat', 'jsonInt', 'jsonFloat', 'json_float', 'at', 'big',
  // the rest of the Go prelude, its packages and the names a step declares (a binding `check` made check() no function)
  'bound', 'printBound', 'check', 'checkCall', 'expect', 'must', 'read', 'readU8', 'readU16', 'readU32', 'readU64', 'readF32',
  'readF64', 'writeInt', 'writeFloat', 'writeBytes', 'nulLen', 'fromUTF16', 'toUTF16', 'fromHex', 'asString', 'tempRet0',
  'newDeterministic', 'det', 'wasm', 'res', 'data', 'base', 'cctx', 'cancel', 'api', 'wazero', 'sys', 'fmt', 'os', 'math',
  'hex', 'json', 'errors', 'bytes', 'strings', 'utf16', 'time', 'context', 'wasi_snapshot_preview1',
  // the failure's line and words (Go, then Rust): a binding of that name would hide the function
  'stepLine', 'showInt', 'showFloat', 'showText', 'showBytes', 'signHint', 'cmpText', 'place', 'first', 'maxOffset', 'strconv',
  'within', 'offset_of', 'step_line', 'failure', 'show_int', 'show_float', 'show_text', 'show_bytes', 'sign_hint', 'STEP_LINE',
  // a binding as run prints it, and JSON as JavaScript writes it (Go, then Rust)
  'showBound', 'showBoundBytes', 'jsJSON', 'show_bound', 'show_bound_bytes',
  // the Go prelude's failure words and state, each call's context (checkStep = 1 made an expect's checkStep() no function)
  'checkStep', 'failAt', 'stepText', 'trapWords', 'deadlineWords', 'timeLimitMs', 'guestModule', 'exportNames', 'runTraps',
  'wazeroFrame', 'showF32', 'callContext', 'guestOut', 'guestErr', 'jsValue', 'object', 'member', 'bindings', 'lineEnd',
  // a read's length checked against run's limit (Go, then Rust)
  'readSize', 'maxRead', 'read_size', 'fromUTF8', 'utf8',
  // the rest of the Rust prelude (`let fround = 1` hid the function; `let STEP_TEXT = 1` is a pattern against the constant)
  'STEP_TEXT', 'STEP_COLUMN', 'AT_STEP', 'at_step', 'Bound', 'trap_words', 'show_f32', 'fround', 'failure_text', 'nul_len',
  'utf16_bytes', 'hex_bytes', 'shift_count', 'past_i128',
  // and the Go prelude's type for --deterministic
  'deterministic',
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
