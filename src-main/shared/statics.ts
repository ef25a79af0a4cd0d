// Static variables DWARF names (ModuleInfo.statics, read by engine/module/dwarf): which one holds
// an address, and how Memscope says so, the same in the CLI, the heap report and the app.

import type { PointedType, StaticField, StaticLayout, StaticScalar, StaticVariable, TypedBlock } from './dto.ts';
import { elementsIn, valueText, variantOf } from './static-values.ts';
import type { FunctionSlots } from './function-pointer.ts';
import { arrayElement } from './std-types.ts';

/**
 * The static variable holding `address` (the nearest one starting at or below it whose size
 * covers it; a variable of unknown size covers its first byte only), or null. `statics` is in
 * address order.
 */
export function staticAt(statics: readonly StaticVariable[], address: number): StaticVariable | null {
  let lo = 0;
  let hi = statics.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (statics[mid]!.address <= address) {
      best = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  // Several may start at or below it (a zero-sized one among them): a few back, the nearest that covers it.
  for (let i = best; i >= 0 && i > best - 8; i--) {
    const v = statics[i]!;
    if (address < v.address + Math.max(1, v.size ?? 1)) return v;
  }
  return null;
}

/**
 * The statics with those of the program's own files first: the shortest source paths (`kv.c`,
 * `src/lib.rs`) before a libc's and Rust's std (`libc-top-half/musl/src/stdio/stdout.c`);
 * otherwise in address order. rustc's trait-object vtables (`<T as Trait>::{vtable}`) come
 * last: it emits them in the program's own unit, though nobody wrote them. For lists people
 * read; lookups want address order. So do the C++ standard library's header constants
 * (`std::__2::piecewise_construct`, `std::nothrow`): they land in each unit that uses them.
 */
export function ownStaticsFirst(statics: readonly StaticVariable[]): StaticVariable[] {
  const rank = (v: StaticVariable) => (v.name.endsWith('::{vtable}') || v.name.startsWith('std::') ? 1000 : 0) + (v.unit ?? '').split('/').length;
  return [...statics].sort((a, b) => rank(a) - rank(b) || a.address - b.address);
}

/**
 * "the static table (pair *)", "the static origin.y (int)", "the static grid[1][2] (unsigned
 * short), 1 byte in", "the static app::names (vector<…>), 4 bytes in": where `address` lies in
 * `v`, by the part of its struct or array that holds it when DWARF gave its layout. `bytes`,
 * the static's from its start when the caller has them, say which variant a Rust enum holds.
 */
export function staticPlace(v: Pick<StaticVariable, 'name' | 'type' | 'address' | 'layout'>, address: number, pointer = false, bytes: Uint8Array | null = null): string {
  const offset = address - v.address;
  const part = v.layout && offset >= 0 ? partAt(v.layout, offset, pointer, bytes) : null;
  return `the static ${part ? partText(`${v.name}${part.path}`, part.type, part.into) : partText(v.name, v.type, offset)}`;
}

/**
 * "table[0].val (char *)", "calls::none[0][3] (char)": where `address` lies in a heap block a
 * static pointer types (HeapSummary.typedBlocks), as C would name it through the pointer; null
 * in the block's slack past its last whole element. `bytes`: the block's, as staticPlace's.
 */
export function pointeePlace(t: TypedBlock, address: number, pointer = false, bytes: Uint8Array | null = null): string | null {
  const offset = address - t.address;
  if (t.node !== undefined) return nodePlace(t, t.node, offset, pointer, bytes);
  const index = Math.floor(offset / t.pointee.size);
  if (offset < 0 || index >= elementsIn(t)) return null;
  const offsetIn = offset - index * t.pointee.size;
  const part = t.pointee.layout ? partAt(t.pointee.layout, offsetIn, pointer, bytes?.subarray(index * t.pointee.size) ?? null) : null;
  const element = `${t.name}[${index}]`;
  return part ? partText(`${element}${part.path}`, part.type, part.into) : partText(element, t.pointee.type, offsetIn);
}

/**
 * "ages["ada"].__cc_.second (int)": where byte `offset` of a collection's node (TypedBlock.node)
 * lies, by its entry's name; "the node of primes[1], outside its entry" elsewhere in the block
 * (its links, before the entry in libc++'s nodes and after it in Rust's, or the block's slack).
 */
function nodePlace(t: TypedBlock, node: number, offset: number, pointer: boolean, bytes: Uint8Array | null): string | null {
  const offsetIn = offset - node;
  if (offset < 0 || offset >= t.size) return null;
  if (offsetIn < 0 || offsetIn >= t.pointee.size) return `the node of ${t.name}, outside its entry`;
  const part = t.pointee.layout ? partAt(t.pointee.layout, offsetIn, pointer, bytes?.subarray(node) ?? null) : null;
  return part ? partText(`${t.name}${part.path}`, part.type, part.into) : partText(t.name, t.pointee.type, offsetIn);
}

/** "what table points at (pair)", "the node of ages["ada"] (__value_type<…>)": what a typed heap block is. */
export function typedBlockText(t: TypedBlock): string {
  return `${t.node === undefined ? `what ${t.name} points at` : `the node of ${t.name}`} (${shortType(t.pointee.type)})`;
}

/** "origin.y (int), 1 byte in": a variable or part by name, its type, and how far into it a byte is. */
function partText(name: string, type: string | null, into: number): string {
  return `${name}${type ? ` (${shortType(type)})` : ''}${into > 0 ? `, ${into} byte${into === 1 ? '' : 's'} in` : ''}`;
}

/**
 * `origin.y = 3, was 0`, `mode = 5 (stored as 1), was 0 (stored as 0)`: the bytes written at
 * `address` (`now`, and `old` before) read as the one value they cover exactly, a static or a
 * member or element of one (partAt), as its row in the Statics panel reads; null when they
 * cover part of one value or more than one, a bitfield, or bytes no static holds.
 */
export function valueWritten(statics: readonly StaticVariable[], types: readonly PointedType[] | undefined,
  address: number, now: Uint8Array, old: Uint8Array, functions?: FunctionSlots): string | null {
  const v = staticAt(statics, address);
  const offset = v ? address - v.address : -1;
  const part = v?.layout && offset >= 0 ? partAt(v.layout, offset) : null;
  const [name, typed] = v && offset === 0 && now.length === v.size ? [v.name, v]
    : v && part && part.into === 0 && part.leaf.size === now.length && !part.leaf.bits ? [`${v.name}${part.path}`, part.leaf] : [null, null];
  if (!typed || old.length !== now.length) return null;
  const [after, before] = [valueText(typed, now, types, functions), valueText(typed, old, types, functions)];
  return after !== null && before !== null ? `${name} = ${after}, was ${before}` : null;
}

/** A part of a static or of what a pointer points at: its path, type and scalar kind, and how far into it a byte is. */
export interface Part {
  path: string;
  type: string;
  into: number;
  scalar?: StaticScalar;
  /** The member or element itself, as its row reads it (valueWritten). */
  leaf: StaticField;
}

/**
 * The innermost part of `layout` holding byte `offset`: its path from the static (`.y`,
 * `[1][2]`, `.v.value`), its type, and how many bytes into it the byte is. Padding between two
 * members is named by the struct around it; null when `offset` is in no part at all (past the
 * last element, or padding at the top). Of a union's members, which all start at 0, the first
 * long enough names a byte; with `pointer` (the byte starts a word that points somewhere), the
 * first whose part there is a pointer: libc++'s long string is the second of its union.
 * `bytes`, the layout's from its start, say which variant a Rust enum holds.
 */
export function partAt(layout: StaticLayout, offset: number, pointer = false, bytes: Uint8Array | null = null): Part | null {
  if (layout.kind === 'array') {
    const index = Math.floor(offset / layout.stride);
    if (layout.count !== null && index >= layout.count) return null;
    const at = offset - index * layout.stride;
    const inner = layout.layout ? partAt(layout.layout, at, pointer, bytes?.subarray(index * layout.stride) ?? null) : null;
    return through(`[${index}]`, inner ?? { path: '', type: layout.element, into: at, ...(layout.scalar ? { scalar: layout.scalar } : {}), leaf: arrayElement(layout) });
  }
  // A Rust enum's fields are those of the variant its bytes hold; without them, none is named.
  const variant = layout.variants && bytes ? variantOf(layout.variants, bytes)?.layout : null;
  let first: Part | null = null;
  for (const f of [...layout.fields, ...(variant?.fields ?? [])]) {
    if (f.offset > offset || offset >= f.offset + Math.max(1, f.size ?? 1)) continue;
    const at = offset - f.offset;
    const inner = f.layout ? partAt(f.layout, at, pointer, bytes?.subarray(f.offset) ?? null) : null;
    const part = through(f.name ? `.${f.name}` : '', inner ?? { path: '', type: f.type, into: at, ...(f.scalar ? { scalar: f.scalar } : {}), leaf: f });
    if (!pointer || (part.scalar === 'pointer' && part.into === 0)) return part;
    first ??= part;
  }
  return first;
}

/** `part` as seen from its parent, which reaches it through `step`. */
function through(step: string, part: Part): Part {
  return { ...part, path: `${step}${part.path}` };
}

/** Past this many characters a type's template arguments read as `<…>`: libc++'s map<…> spells out 300. */
const LONG_TYPE = 48;

/** `vector<…>` for `vector<std::__2::basic_string<char, …>, …>`; a short type as it is. */
export function shortType(type: string): string {
  const open = type.indexOf('<');
  if (type.length <= LONG_TYPE || open === -1) return type;
  let depth = 0;
  for (let i = open; i < type.length; i++) {
    if (type[i] === '<') depth++;
    else if (type[i] === '>' && --depth === 0) return `${type.slice(0, open)}<…>${shortType(type.slice(i + 1))}`;
  }
  return type;
}

/** `.speed[1].y` for the path 'speed', 1, 'y'. */
export function pathText(path: readonly (string | number)[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('');
}

/**
 * The part of `v` a path names (`&origin.y`, `&grid[1][2]`): its offset from the static, size
 * and type; or what is wrong, naming the members there are. A C11 anonymous struct's or
 * union's members are named as the outer one's own, as in C.
 */
export function partByPath(v: Pick<StaticVariable, 'name' | 'type' | 'size' | 'layout'>, path: readonly (string | number)[]):
  { offset: number; size: number | null; type: string | null } | string {
  let layout = v.layout;
  let type = v.type;
  let size = v.size;
  let offset = 0;
  let shown = v.name;
  for (const step of path) {
    const what = `${shown} (${type ? shortType(type) : 'of a type DWARF does not describe'})`;
    if (typeof step === 'number') {
      if (layout?.kind !== 'array') return `${what} is not an array: '[${step}]' names no element`;
      if (layout.count !== null && step >= layout.count) return `${what} has ${layout.count} element${layout.count === 1 ? '' : 's'}: '[${step}]' is past its end`;
      offset += step * layout.stride;
      ({ element: type, stride: size, layout } = layout);
      shown += `[${step}]`;
    } else {
      if (layout?.kind !== 'struct') return `${what} has no members: '.${step}' names none`;
      // A Rust enum's fields are its variants', each at its offset whichever variant is there.
      const fields = [...layout.fields, ...(layout.variants?.cases.flatMap((c) => c.layout?.fields ?? []) ?? [])];
      const found = memberNamed(fields, step);
      if (!found) return `${what} has no member '${step}'; its members are ${[...new Set(memberNames(fields))].join(', ')}`;
      offset += found.offset;
      ({ type, size, layout } = found.field);
      shown += `.${step}`;
    }
  }
  return { offset, size, type };
}

/** The member `name` among `fields`, looking into anonymous ones; its offset from them. */
function memberNamed(fields: readonly StaticField[], name: string): { field: StaticField; offset: number } | null {
  for (const f of fields) {
    if (f.name === name) return { field: f, offset: f.offset };
    if (f.name === '' && f.layout?.kind === 'struct') {
      const inner = memberNamed(f.layout.fields, name);
      if (inner) return { field: inner.field, offset: f.offset + inner.offset };
    }
  }
  return null;
}

function memberNames(fields: readonly StaticField[]): string[] {
  return fields.flatMap((f) => (f.name === '' && f.layout?.kind === 'struct' ? memberNames(f.layout.fields) : [f.name]));
}
