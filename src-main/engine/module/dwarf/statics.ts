// Static variables from DWARF: every DW_TAG_variable whose location is a fixed address in linear
// memory (C/C++ globals and function statics, class statics, Rust statics), with its qualified
// name, its type as the source spells it and its size. What a heap report, a memory map or a
// hex view says instead of a bare address: "pointed to from 0xe40, the static table (pair *)".
//
// Location expressions read: exactly `DW_OP_addr <address_size bytes>` (0x03), or DWARF 5's
// `DW_OP_addrx <ULEB index>` (0xa1) into .debug_addr at the unit's DW_AT_addr_base, or pieces of
// those (`DW_OP_piece <ULEB size>`, 0x93) at consecutive addresses. Anything else (a register, a
// frame offset, a location list) is not static and is left out.

import type { PointedType, StaticVariable } from '../../../shared/dto.ts';
import { DwarfCursor } from './dwarf-cursor.ts';
import { dieName, readUnits, TAG, type Die, type DwarfSections } from './debug-info.ts';
import { Layouts } from './layout.ts';
import { scalarOf, typeName, typeSize } from './types.ts';

/** A large C++ or Rust build names thousands of statics; past this many the rest are left out (and counted). */
export const MAX_STATICS = 20_000;

/** Parents whose names qualify a variable's: namespaces, types (class statics), functions (function statics). */
const SCOPES = new Set<number>([TAG.namespace, TAG.structure, TAG.class, TAG.union, TAG.subprogram]);

/**
 * Statics in address order (one per address and name), the types their pointers point to (by
 * `pointee` index), and how many statics were left out past MAX_STATICS.
 */
export function readStatics(s: DwarfSections): { statics: StaticVariable[]; types: PointedType[]; omitted: number } {
  const found = new Map<string, StaticVariable>();
  // Made at the first static: pointer sizes come from its unit (every unit of a module shares one).
  let layouts: Layouts | null = null;
  for (const dies of readUnits(s)) {
    layouts?.readFrom(dies);
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
      if (found.has(key)) continue;
      const v: StaticVariable = { name, address, size, type, unit: unitFile(die) };
      if (scalar) v.scalar = scalar;
      layouts ??= new Layouts(dies, s, die.unit.addressSize);
      const layout = typeRef === undefined ? null : layouts.of(typeRef);
      if (layout) v.layout = layout;
      const names = typeRef === undefined ? null : layouts.enumeratorsOf(typeRef);
      if (names) v.enumerators = names;
      const pointee = scalar === 'pointer' ? layouts.pointeeOf(typeRef!) : null;
      if (pointee !== null) v.pointee = pointee;
      found.set(key, v);
    }
  }
  const all = [...found.values()].sort((a, b) => a.address - b.address || a.name.localeCompare(b.name));
  return { statics: all.slice(0, MAX_STATICS), types: layouts?.types ?? [], omitted: Math.max(0, all.length - MAX_STATICS) };
}

/** The compile unit's source file, without a leading `./` or rustc's `/@/<crate>.<hash>-cgu.N` suffix. */
function unitFile(die: Die): string | null {
  const root = die.unit.root;
  const name = root && dieName(root);
  if (!name) return null;
  const at = name.indexOf('/@/');
  return (at === -1 ? name : name.slice(0, at)).replace(/^(\.\/)+/, '');
}

/**
 * The address a static's location expression gives: one address, or pieces at consecutive
 * addresses (clang at -O1 may split a struct it keeps whole in memory into its members' pieces:
 * `DW_OP_addr 0x1090, DW_OP_piece 4, DW_OP_addr 0x1094, DW_OP_piece 4` is a shared_ptr at
 * 0x1090); null for anything else, a piece elsewhere or missing among them.
 */
function staticAddress(die: Die, s: DwarfSections): number | null {
  const loc = die.location!;
  const size = die.unit.addressSize;
  const c = new DwarfCursor(loc, 0, 'location');
  let first: number | null = null;
  let next: number | null = null;
  while (c.pos < loc.length) {
    const op = c.u8();
    let address: number | null = null;
    if (op === 0x03) address = c.uint(size, 'address'); // DW_OP_addr
    else if (op === 0xa1 && s.addr) { // DW_OP_addrx: an index into .debug_addr
      const at = die.unit.addrBase + c.uleb('address index') * size;
      if (at + size > s.addr.bytes.length) return null;
      address = new DwarfCursor(s.addr.bytes, s.addr.fileOffset, '.debug_addr', at).uint(size, 'address');
    }
    if (address === null || (next !== null && address !== next)) return null;
    first ??= address;
    if (c.pos === loc.length) break;
    if (c.u8() !== 0x93) return null; // DW_OP_piece
    next = address + c.uleb('piece size');
  }
  return first;
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
