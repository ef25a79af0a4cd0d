// Static variables from DWARF: every DW_TAG_variable whose location is a fixed address in linear
// memory (C/C++ globals and function statics, class statics, Rust statics), with its qualified
// name, its type as the source spells it and its size. What a heap report, a memory map or a
// hex view says instead of a bare address: "pointed to from 0xe40, the static table (pair *)".
//
// Location expressions read: exactly `DW_OP_addr <address_size bytes>` (0x03), or DWARF 5's
// `DW_OP_addrx <ULEB index>` (0xa1) into .debug_addr at the unit's DW_AT_addr_base. Anything else
// (a register, a frame offset, a location list) is not static and is left out.

import type { StaticVariable } from '../../../shared/dto.ts';
import { DwarfCursor } from './dwarf-cursor.ts';
import { dieName, readDies, TAG, type Die, type DwarfSections } from './debug-info.ts';

/** A large C++ or Rust build names thousands of statics; past this many the rest are left out (and counted). */
export const MAX_STATICS = 20_000;

/** Parents whose names qualify a variable's: namespaces, types (class statics), functions (function statics). */
const SCOPES = new Set<number>([TAG.namespace, TAG.structure, TAG.class, TAG.union, TAG.subprogram]);

/** Statics in address order (one per address and name), and how many were left out past MAX_STATICS. */
export function readStatics(s: DwarfSections): { statics: StaticVariable[]; omitted: number } {
  const dies = readDies(s);
  const found = new Map<string, StaticVariable>();
  for (const die of dies.values()) {
    if (die.tag !== TAG.variable || die.declaration || !die.location) continue;
    const address = staticAddress(die, s);
    // wasm-ld writes 0 or -1 (tombstones) for variables it discarded.
    if (address === null || address === 0 || address >= 0xffffffff) continue;
    const named = declarationOf(die, dies);
    const name = qualifiedName(named, dies);
    if (name === null) continue;
    const typeRef = die.type ?? named.type;
    const type = typeRef === undefined ? null : typeName(typeRef, dies, 0);
    const size = typeRef === undefined ? null : typeSize(typeRef, dies, die.unit.addressSize, 0);
    const scalar = typeRef === undefined ? null : scalarOf(typeRef, dies, 0);
    const key = `${address}:${name}`;
    if (!found.has(key)) found.set(key, { name, address, size, type, unit: unitFile(die), ...(scalar ? { scalar } : {}) });
  }
  const all = [...found.values()].sort((a, b) => a.address - b.address || a.name.localeCompare(b.name));
  return { statics: all.slice(0, MAX_STATICS), omitted: Math.max(0, all.length - MAX_STATICS) };
}

/** The compile unit's source file, without a leading `./` or rustc's `/@/<crate>.<hash>-cgu.N` suffix. */
function unitFile(die: Die): string | null {
  const root = die.unit.root;
  const name = root && dieName(root);
  if (!name) return null;
  const at = name.indexOf('/@/');
  return (at === -1 ? name : name.slice(0, at)).replace(/^(\.\/)+/, '');
}

function staticAddress(die: Die, s: DwarfSections): number | null {
  const loc = die.location!;
  const size = die.unit.addressSize;
  if (loc.length === 1 + size && loc[0] === 0x03) {
    const c = new DwarfCursor(loc, 0, 'location');
    c.u8();
    return c.uint(size, 'address');
  }
  if (loc[0] === 0xa1 && s.addr) {
    const c = new DwarfCursor(loc, 0, 'location', 1);
    const index = c.uleb('address index');
    if (c.pos !== loc.length) return null;
    const at = die.unit.addrBase + index * size;
    if (at + size > s.addr.bytes.length) return null;
    return new DwarfCursor(s.addr.bytes, s.addr.fileOffset, '.debug_addr', at).uint(size, 'address');
  }
  return null;
}

/** The DIE that names a definition: its DW_AT_specification (a class static) or abstract origin (inlined). */
function declarationOf(die: Die, dies: Map<number, Die>): Die {
  let d = die;
  for (let hops = 0; hops < 4 && dieName(d) === undefined; hops++) {
    const next = d.specification ?? d.origin;
    const target = next === undefined ? undefined : dies.get(next);
    if (!target) break;
    d = target;
  }
  return d;
}

/**
 * `ns::Class::name`, `function::name` (a function static), or the bare name at a unit's top
 * level. A scope defined out of line (C++'s `int Registry::bump() {…}` at the unit's top level)
 * is named, and further qualified, by its declaration inside the class.
 */
function qualifiedName(die: Die, dies: Map<number, Die>): string | null {
  const name = dieName(die);
  if (name === undefined || name === '') return null;
  const parts = [name];
  for (let p = die.parent; p !== null && parts.length < 16; p = p.parent) {
    if (!SCOPES.has(p.tag)) continue;
    if (dieName(p) === undefined) p = declarationOf(p, dies);
    parts.unshift(dieName(p) ?? (p.tag === TAG.namespace ? '(anonymous namespace)' : '(anonymous)'));
  }
  return parts.join('::');
}

/** A type as source spells it: `pair *`, `const char[12]`, `unsigned int`, Rust's own names (`&str`). */
function typeName(ref: number, dies: Map<number, Die>, depth: number): string {
  const t = dies.get(ref);
  if (!t || depth > 8) return '?';
  const name = dieName(t);
  const inner = (): string => (t.type === undefined ? 'void' : typeName(t.type, dies, depth + 1));
  switch (t.tag) {
    case TAG.pointer: return name ?? pointerTo(inner(), '*');
    case TAG.reference: return name ?? pointerTo(inner(), '&');
    case TAG.rvalueReference: return name ?? pointerTo(inner(), '&&');
    case TAG.const: return `const ${inner()}`;
    case TAG.volatile: return `volatile ${inner()}`;
    case TAG.restrict: return `${inner()} restrict`;
    case TAG.atomic: return `_Atomic ${inner()}`;
    case TAG.array: return name ?? `${inner()}${arrayDims(t).map((n) => `[${n ?? ''}]`).join('')}`;
    case TAG.subroutineType: return 'function';
    case TAG.structure: return name ?? 'struct {…}';
    case TAG.class: return name ?? 'class {…}';
    case TAG.union: return name ?? 'union {…}';
    case TAG.enumeration: return name ?? 'enum {…}';
    default: return name ?? '?';
  }
}

/** DW_ATE_* encodings of base types that read as signed integers: signed, signed_char, signed_fixed. */
const SIGNED_ENCODINGS = new Set([0x05, 0x06, 0x0d]);
const FLOAT_ENCODING = 0x04;

/** How a value of the type reads as one number, through typedefs and qualifiers; null for aggregates. */
function scalarOf(ref: number, dies: Map<number, Die>, depth: number): StaticVariable['scalar'] | null {
  const t = dies.get(ref);
  if (!t || depth > 8) return null;
  switch (t.tag) {
    case TAG.pointer: case TAG.reference: case TAG.rvalueReference: return 'pointer';
    case TAG.baseType:
      if (t.encoding === FLOAT_ENCODING) return 'float';
      return t.encoding !== undefined && SIGNED_ENCODINGS.has(t.encoding) ? 'signed' : 'unsigned';
    case TAG.enumeration: return t.type === undefined ? 'signed' : scalarOf(t.type, dies, depth + 1);
    case TAG.typedef: case TAG.const: case TAG.volatile: case TAG.restrict: case TAG.atomic:
      return t.type === undefined ? null : scalarOf(t.type, dies, depth + 1);
    default: return null;
  }
}

/** `char *`, `char **` (no space between stars), `pair &`. */
function pointerTo(inner: string, sigil: string): string {
  return /[*&]$/.test(inner) ? `${inner}${sigil}` : `${inner} ${sigil}`;
}

/** Bytes a value of the type takes, or null when DWARF does not say. */
function typeSize(ref: number, dies: Map<number, Die>, addressSize: number, depth: number): number | null {
  const t = dies.get(ref);
  if (!t || depth > 8) return null;
  if (t.byteSize !== undefined) return t.byteSize;
  switch (t.tag) {
    case TAG.pointer: case TAG.reference: case TAG.rvalueReference: return addressSize;
    case TAG.typedef: case TAG.const: case TAG.volatile: case TAG.restrict: case TAG.atomic:
      return t.type === undefined ? null : typeSize(t.type, dies, addressSize, depth + 1);
    case TAG.array: {
      const element = t.type === undefined ? null : typeSize(t.type, dies, addressSize, depth + 1);
      const dims = arrayDims(t);
      if (element === null || dims.some((n) => n === null)) return null;
      return dims.reduce<number>((total, n) => total * n!, element);
    }
    default: return null;
  }
}

/** An array type's dimensions from its DW_TAG_subrange_type children (null: not given, as in `int x[]`). */
function arrayDims(array: Die): (number | null)[] {
  const dims: (number | null)[] = [];
  for (const d of array.subranges ?? []) {
    if (d.count !== undefined) dims.push(d.count);
    else if (d.upperBound !== undefined) dims.push(d.upperBound - (d.lowerBound ?? 0) + 1);
    else dims.push(null);
  }
  return dims.length > 0 ? dims : [null];
}
