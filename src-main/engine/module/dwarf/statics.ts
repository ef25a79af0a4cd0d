// Static variables from DWARF: every DW_TAG_variable whose location is a fixed address in linear
// memory (C/C++ globals and function statics, class statics, Rust statics), with its qualified
// name, its type as the source spells it and its size. What a heap report, a memory map or a
// hex view says instead of a bare address: "pointed to from 0xe40, the static table (pair *)".
//
// Location expressions read: exactly `DW_OP_addr <address_size bytes>` (0x03), or DWARF 5's
// `DW_OP_addrx <ULEB index>` (0xa1) into .debug_addr at the unit's DW_AT_addr_base, or pieces of
// those (`DW_OP_piece <ULEB size>`, 0x93) at consecutive addresses; an address may be followed by
// a computation that leaves its bytes as they are (affineDeref: clang -O1's `static bool`), or,
// as a whole location, one that scales them (a global shrunk to a flag: StaticVariable.stored).
// Anything else (a register, a frame offset, a location list, any other computation) is not a
// static in memory and is left out.

import type { PointedType, StaticVariable } from '../../../shared/dto.ts';
import { DwarfCursor } from './dwarf-cursor.ts';
import { dieName, readUnits, TAG, type Die, type DwarfSections } from './debug-info.ts';
import type { FrameReader } from './frames.ts';
import { Layouts } from './layout.ts';
import { scalarOf, typeName, typeSize } from './types.ts';

/** A large C++ or Rust build names thousands of statics; past this many the rest are left out (and counted). */
export const MAX_STATICS = 20_000;

/** Parents whose names qualify a variable's: namespaces, types (class statics), functions (function statics). */
const SCOPES = new Set<number>([TAG.namespace, TAG.structure, TAG.class, TAG.union, TAG.subprogram]);

/**
 * Statics in address order (one per address and name), the types their pointers point to (by
 * `pointee` index), and how many statics were left out past MAX_STATICS. `frames`, when given,
 * reads each unit's frame variables (frames.ts) in the same pass, into the same type table.
 */
export function readStatics(s: DwarfSections, frames?: FrameReader): { statics: StaticVariable[]; types: PointedType[]; omitted: number } {
  const found = new Map<string, StaticVariable>();
  // Made at the first unit: pointer sizes come from it (every unit of a module shares one).
  let layouts: Layouts | null = null;
  for (const dies of readUnits(s)) {
    const unit = dies.values().next().value?.unit;
    if (!unit) continue;
    if (layouts) layouts.readFrom(dies);
    else layouts = new Layouts(dies, s, unit.addressSize);
    for (const die of dies.values()) {
      if (die.tag !== TAG.variable || die.declaration || !die.location) continue;
      const location = staticAddress(die, s);
      // wasm-ld writes 0 or -1 (tombstones) for variables it discarded.
      if (location === null || location.address === 0 || location.address >= 0xffffffff) continue;
      const address = location.address;
      const named = declarationOf(die, dies);
      const name = qualifiedName(named, dies);
      if (name === null) continue;
      const ref = die.type ?? named.type;
      const size = ref === undefined ? null : typeSize(ref, dies, die.unit.addressSize, 0);
      const scalar = ref === undefined ? null : scalarOf(ref, dies, 0);
      // Read through a computation: the variable's bytes when it leaves them as they are and
      // reads all of them; an integer's flag when it scales them (StaticVariable.stored).
      const computed = location.computed;
      const stored = computed && (computed.scale !== 1 || computed.offset !== 0) ? computed : null;
      if (computed && !stored && computed.bytes !== size) continue;
      if (stored && ((scalar !== 'signed' && scalar !== 'unsigned') || size === null || stored.bytes > size)) continue;
      const key = `${address}:${name}`;
      if (found.has(key)) continue;
      const v: StaticVariable = { name, address, ...typedAs(ref, dies, die.unit.addressSize, layouts), unit: unitFile(die) };
      if (stored) {
        v.size = stored.bytes;
        v.stored = { scale: stored.scale, offset: stored.offset };
      }
      found.set(key, v);
    }
    frames?.readFrom(dies, layouts);
  }
  const all = [...found.values()].sort((a, b) => a.address - b.address || a.name.localeCompare(b.name));
  return { statics: all.slice(0, MAX_STATICS), types: layouts?.types ?? [], omitted: Math.max(0, all.length - MAX_STATICS) };
}

/** What a variable of the type at `ref` is, as StaticVariable and FrameVariable carry it: name, size, how it reads, its parts, what it points to. */
export type VariableType = Pick<StaticVariable, 'type' | 'size' | 'scalar' | 'layout' | 'enumerators' | 'pointee' | 'functionPointer' | 'reference'>;

export function typedAs(ref: number | undefined, dies: Map<number, Die>, addressSize: number, layouts: Layouts): VariableType {
  if (ref === undefined) return { type: null, size: null };
  const typed: VariableType = { type: typeName(ref, dies, 0), size: typeSize(ref, dies, addressSize, 0) };
  const scalar = scalarOf(ref, dies, 0);
  if (scalar) typed.scalar = scalar;
  const layout = layouts.of(ref);
  if (layout) typed.layout = layout;
  const names = layouts.enumeratorsOf(ref);
  if (names) typed.enumerators = names;
  const pointee = scalar === 'pointer' ? layouts.pointeeOf(ref) : null;
  if (pointee !== null) typed.pointee = pointee;
  if (layouts.pointsAtFunction(ref)) typed.functionPointer = true;
  if (layouts.isReference(ref)) typed.reference = true;
  return typed;
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
 * 0x1090), each maybe read through a computation that leaves its bytes as they are
 * (affineDeref) as long as the piece; `computed`, the computation when it is the whole
 * expression, for the caller to match with the variable. Null for anything else, a piece
 * elsewhere or missing among them.
 */
function staticAddress(die: Die, s: DwarfSections): { address: number; computed?: Affine } | null {
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
    const read = c.pos < loc.length && loc[c.pos] === 0x94 ? affineDeref(c, loc.length) : undefined;
    if (read === null) return null;
    if (c.pos === loc.length) {
      if (read === undefined) return { address: first ?? address };
      return first === null ? { address, computed: read } : null;
    }
    first ??= address;
    if (c.u8() !== 0x93) return null; // DW_OP_piece
    const piece = c.uleb('piece size');
    if (read !== undefined && (read.bytes !== piece || read.scale !== 1 || read.offset !== 0)) return null;
    next = address + piece;
  }
  return first === null ? null : { address: first };
}

/** A value computed from the `bytes`-byte unsigned number x in memory: scale·x + offset. */
interface Affine {
  bytes: number;
  scale: number;
  offset: number;
}

/**
 * The computation `DW_OP_deref_size n` (0x94, at the cursor) starts, when the arithmetic after it
 * makes scale·x + offset of the n bytes x it reads and `DW_OP_stack_value` (0x9f) ends it. clang
 * -O1 keeps a `static bool` as one byte and describes it as `DW_OP_addr A, DW_OP_deref_size 1,
 * DW_OP_lit1, DW_OP_mul, DW_OP_lit0, DW_OP_plus, DW_OP_stack_value` (1·x + 0: the byte itself),
 * and a global it shrank to a flag the same with the other value for 1 (`DW_OP_lit5`: 5·x).
 * The arithmetic followed: literals, constu, consts, mul, plus, plus_uconst; null for any other
 * (or for 0·x: no value of memory).
 */
function affineDeref(c: DwarfCursor, end: number): Affine | null {
  c.u8();
  const n = c.u8('deref size');
  const stack: { a: number; b: number }[] = [{ a: 1, b: 0 }];
  while (c.pos < end) {
    const op = c.u8();
    if (op >= 0x30 && op <= 0x4f) stack.push({ a: 0, b: op - 0x30 }); // DW_OP_lit0..31
    else if (op === 0x10) stack.push({ a: 0, b: c.uleb('constant') }); // DW_OP_constu
    else if (op === 0x11) stack.push({ a: 0, b: c.sleb('constant') }); // DW_OP_consts
    else if (op === 0x23) { // DW_OP_plus_uconst
      const top = stack.at(-1);
      if (!top) return null;
      top.b += c.uleb('constant');
    } else if (op === 0x1e || op === 0x22) { // DW_OP_mul, DW_OP_plus
      const y = stack.pop();
      const x = stack.pop();
      if (!x || !y || (op === 0x1e && x.a !== 0 && y.a !== 0)) return null;
      stack.push(op === 0x22 ? { a: x.a + y.a, b: x.b + y.b } : { a: x.a * y.b + y.a * x.b, b: x.b * y.b });
    } else if (op === 0x9f) { // DW_OP_stack_value
      const [value] = stack;
      return stack.length === 1 && value!.a !== 0 && n >= 1 && n <= 4 ? { bytes: n, scale: value!.a, offset: value!.b } : null;
    } else {
      return null;
    }
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
