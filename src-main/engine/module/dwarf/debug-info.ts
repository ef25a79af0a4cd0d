// Reads the DIE tree of .debug_info (DWARF 2 to 5, 32-bit format), keeping of each DIE only the
// attributes Memscope uses: names, static locations, types and their sizes, the links between a
// definition and its declaration, and for a function's variables in its stack frame the code
// ranges and frame base that place them. Every other attribute is skipped by its form.
//
// Unit header (32-bit DWARF; a 0xffffffff length means 64-bit DWARF, which wasm never uses):
//   v2-v4: unit_length u32 | version u16 | debug_abbrev_offset u32 | address_size u8
//   v5:    unit_length u32 | version u16 | unit_type u8 | address_size u8 | debug_abbrev_offset u32
//          [+ dwo_id u64 for skeleton/split units, + type_signature u64, type_offset u32 for type units]
// Abbreviation: code ULEB | tag ULEB | has_children u8 | (attribute ULEB, form ULEB
//   [, implicit_const SLEB when the form is 0x21])* | 0, 0

import { DwarfCursor } from './dwarf-cursor.ts';

/** The DWARF custom sections a module carries, each with where its payload starts in the file. */
export interface DwarfSections {
  info: Section;
  abbrev: Section;
  str?: Section;
  lineStr?: Section;
  strOffsets?: Section;
  addr?: Section;
}

export interface Section {
  bytes: Uint8Array;
  fileOffset: number;
}

export interface Unit {
  /** Offset of the unit's header in .debug_info. */
  offset: number;
  version: number;
  addressSize: number;
  /** DW_AT_str_offsets_base / DW_AT_addr_base of the unit's root DIE (DWARF 5), for strx and addrx forms. */
  strOffsetsBase: number;
  addrBase: number;
  /** .debug_str, where a DIE's `nameAt` points. */
  str?: Section;
  /** The unit's root DIE (DW_TAG_compile_unit), whose name is its source file. */
  root?: Die;
  /** The unit's abbreviation table, for reading a DIE's children again (childrenOf). */
  abbrevs: Map<number, Abbrev>;
  /** The root DIE's DW_AT_stmt_list (its line table's offset in .debug_line) and DW_AT_comp_dir. */
  lineTable?: number;
  compDir?: string;
}

/** One debugging information entry, with the attributes Memscope reads. */
export interface Die {
  /** Offset in .debug_info: what a reference names. */
  offset: number;
  tag: number;
  parent: Die | null;
  unit: Unit;
  /** DW_AT_name; read with dieName(), which decodes a `nameAt` (see there) on first use. */
  name?: string;
  /** Where DW_AT_name is in .debug_str, not decoded yet. */
  nameAt?: number;
  /** DW_AT_location as an expression (a location list, being no static address, is left out). */
  location?: Uint8Array;
  /**
   * The code a function, lexical block or inlined call covers: [DW_AT_low_pc, DW_AT_high_pc),
   * offsets from the start of the code section's payload (wasm's code addresses); absent when
   * given as DW_AT_ranges (several ranges) or not at all.
   */
  code?: [number, number];
  /** A function's DW_AT_frame_base expression (DW_OP_WASM_location: a wasm local or global). */
  frameBase?: Uint8Array;
  /** DW_AT_type, DW_AT_specification and DW_AT_abstract_origin as .debug_info offsets. */
  type?: number;
  specification?: number;
  origin?: number;
  byteSize?: number;
  /** DW_AT_encoding of a base type (DW_ATE_*: 0x04 float, 0x05 signed, 0x08 unsigned char, …). */
  encoding?: number;
  count?: number;
  lowerBound?: number;
  upperBound?: number;
  declaration?: boolean;
  /**
   * A member's or base class's byte offset in its structure: DW_AT_data_member_location as a
   * constant, or DWARF 2's `DW_OP_plus_uconst n` expression; a bit field's, the byte holding
   * its first bit (DW_AT_data_bit_offset / 8).
   */
  memberOffset?: number;
  /** A bit field's width in bits (DW_AT_bit_size). */
  bitSize?: number;
  /** A bit field's first bit within the byte at memberOffset, counted from its least significant bit (DW_AT_data_bit_offset % 8). */
  bitShift?: number;
  /** An array type's DW_TAG_subrange_type children, in order: its dimensions. */
  subranges?: Die[];
  /**
   * A struct or class another one derives from (some DW_TAG_inheritance names it): a pointer
   * to it may point at a derived object, so what follows its own bytes is not another of it.
   */
  isBase?: boolean;
  /** An enumerator's DW_AT_const_value: the number its name stands for. */
  constValue?: number;
  /** A variant part's DW_AT_discr: the member whose value says which variant is there (Rust's enums). */
  discr?: number;
  /** A variant's DW_AT_discr_value: the discriminant that selects it; absent for the one any other value selects. */
  discrValue?: number;
}

export const TAG = {
  array: 0x01, class: 0x02, enumeration: 0x04, lexicalBlock: 0x0b, member: 0x0d, pointer: 0x0f, reference: 0x10,
  compileUnit: 0x11, structure: 0x13, subroutineType: 0x15, typedef: 0x16, union: 0x17, inlinedSubroutine: 0x1d,
  inheritance: 0x1c, subrange: 0x21, baseType: 0x24, const: 0x26, subprogram: 0x2e, variable: 0x34, volatile: 0x35, restrict: 0x37,
  formalParameter: 0x05, namespace: 0x39, unspecified: 0x3b, rvalueReference: 0x42, atomic: 0x47, variant: 0x19, variantPart: 0x33, enumerator: 0x28,
  templateTypeParameter: 0x2f, templateParameterPack: 0x4107,
} as const;

/**
 * DIEs kept by tag: what names, types and scopes statics; the rest (parameters, members,
 * enumerators, template parameters, call sites: most DIEs of a C++ or Rust unit) are read past
 * and dropped, so a big `.debug_info` costs memory for what Memscope uses only. A variable or
 * parameter is kept by its location instead (kept()). Dropped DIEs still parent the kept ones.
 */
const KEPT_TAGS = new Set<number>([
  TAG.compileUnit, TAG.namespace, TAG.subprogram, TAG.structure, TAG.class, TAG.union, TAG.enumeration,
  TAG.baseType, TAG.pointer, TAG.reference, TAG.rvalueReference, TAG.typedef, TAG.const, TAG.volatile, TAG.restrict,
  TAG.atomic, TAG.array, TAG.subroutineType, TAG.unspecified,
]);

const AT = {
  location: 0x02, name: 0x03, byteSize: 0x0b, bitSize: 0x0d, lowerBound: 0x22, upperBound: 0x2f, abstractOrigin: 0x31,
  count: 0x37, dataMemberLocation: 0x38, declaration: 0x3c, encoding: 0x3e, specification: 0x47, type: 0x49,
  dataBitOffset: 0x6b, strOffsetsBase: 0x72, addrBase: 0x73, discr: 0x15, discrValue: 0x16, constValue: 0x1c,
  lowPc: 0x11, highPc: 0x12, frameBase: 0x40, stmtList: 0x10, compDir: 0x1b,
} as const;

interface AttrSpec {
  at: number;
  form: number;
  implicit: number;
}

export interface Abbrev {
  tag: number;
  children: boolean;
  attrs: AttrSpec[];
}

/**
 * A value as read: a number, a string, expression bytes, a reference, a string index not
 * resolved yet, an address (or its index in .debug_addr), an offset into another section
 * (DW_FORM_sec_offset), or nothing kept.
 */
type Value = number | string | Uint8Array | { ref: number } | { strx: number } | { strp: number } | { addr: number } | { addrx: number } | { sec: number } | undefined;

/**
 * The DIEs of each unit in turn, by offset: a caller keeps what it takes from one unit and lets
 * its DIEs go before the next is read, so a large build's .debug_info (a Rust program and its
 * crates: tens of MiB, ~10 bytes of objects per byte read) is never all in memory at once. A
 * reference from one unit into another (DW_FORM_ref_addr, which wasm-ld's output does not use
 * for types) finds nothing. Throws DwarfError (with the file offset) at the first malformed byte.
 */
export function* readUnits(s: DwarfSections): Generator<Map<number, Die>> {
  const abbrevTables = new Map<number, Map<number, Abbrev>>();
  const c = new DwarfCursor(s.info.bytes, s.info.fileOffset, '.debug_info');
  while (c.pos < c.end) {
    const { unit, end } = readUnitHeader(c, s, abbrevTables);
    const dies = new Map<number, Die>();
    const bases = new Set<number>();
    readUnitDies(new DwarfCursor(s.info.bytes, s.info.fileOffset, '.debug_info', c.pos, end), unit, s, dies, bases);
    // A base may be named through a typedef (libc++'s `__end_node_type`): marked at its struct.
    for (const ref of bases) {
      let base = dies.get(ref);
      for (let hops = 0; base && base.tag === TAG.typedef && base.type !== undefined && hops < 8; hops++) base = dies.get(base.type);
      if (base) base.isBase = true;
    }
    c.pos = end;
    yield dies;
  }
}

/**
 * Each unit's compilation directory (DW_AT_comp_dir), by the offset of its line table in
 * .debug_line (DW_AT_stmt_list): a DWARF 2-4 line table names files and directories relative
 * to it without holding it (directory 0 is it). Reads each unit's root DIE only, so even a big
 * .debug_info costs little. Throws DwarfError like readUnits.
 */
export function compDirsByLineTable(s: DwarfSections): Map<number, string> {
  const dirs = new Map<number, string>();
  const abbrevTables = new Map<number, Map<number, Abbrev>>();
  const c = new DwarfCursor(s.info.bytes, s.info.fileOffset, '.debug_info');
  while (c.pos < c.end) {
    const { unit, end } = readUnitHeader(c, s, abbrevTables);
    readDie(new DwarfCursor(s.info.bytes, s.info.fileOffset, '.debug_info', c.pos, end), unit, s, null, true);
    if (unit.lineTable !== undefined && unit.compDir !== undefined) dirs.set(unit.lineTable, unit.compDir);
    c.pos = end;
  }
  return dirs;
}

/** A unit's header at the cursor, which it leaves at the unit's first DIE; `end` is where the next unit starts. */
function readUnitHeader(c: DwarfCursor, s: DwarfSections, abbrevTables: Map<number, Map<number, Abbrev>>): { unit: Unit; end: number } {
  const start = c.pos;
  const length = c.u32('unit length');
  if (length === 0xffffffff) c.fail('64-bit DWARF is not supported', start);
  if (length < 7) c.fail(`unit length ${length} is too short`, start);
  const end = c.pos + length;
  if (end > c.end) c.fail(`unit length ${length} runs past the section's end`, start);
  const version = c.u16('version');
  if (version < 2 || version > 5) c.fail(`DWARF version ${version} is not supported`, start + 4);
  let addressSize: number;
  let abbrevOffset: number;
  let unitType = 0x01;
  if (version >= 5) {
    unitType = c.u8('unit type');
    addressSize = c.u8('address size');
    abbrevOffset = c.u32('abbreviation offset');
    if (unitType === 0x04 || unitType === 0x05) c.skip(8, 'dwo id');
    else if (unitType === 0x02 || unitType === 0x06) c.skip(12, 'type signature');
  } else {
    abbrevOffset = c.u32('abbreviation offset');
    addressSize = c.u8('address size');
  }
  let abbrevs = abbrevTables.get(abbrevOffset);
  if (!abbrevs) abbrevTables.set(abbrevOffset, (abbrevs = readAbbrevs(s.abbrev, abbrevOffset)));
  return { unit: { offset: start, version, addressSize, strOffsetsBase: 8, addrBase: 8, abbrevs, ...(s.str ? { str: s.str } : {}) }, end };
}

function readAbbrevs(section: Section, offset: number): Map<number, Abbrev> {
  const c = new DwarfCursor(section.bytes, section.fileOffset, '.debug_abbrev', offset);
  if (offset >= section.bytes.length) c.fail(`a unit's abbreviation offset ${offset} is past the section's end`, 0);
  const table = new Map<number, Abbrev>();
  for (;;) {
    const code = c.uleb('abbreviation code');
    if (code === 0) return table;
    const tag = c.uleb('tag');
    const children = c.u8('children flag') !== 0;
    const attrs: AttrSpec[] = [];
    for (;;) {
      const at = c.uleb('attribute');
      const form = c.uleb('form');
      if (at === 0 && form === 0) break;
      attrs.push({ at, form, implicit: form === 0x21 ? c.sleb('implicit constant') : 0 });
    }
    table.set(code, { tag, children, attrs });
  }
}

function readUnitDies(c: DwarfCursor, unit: Unit, s: DwarfSections, dies: Map<number, Die>, bases: Set<number>): void {
  let parent = null as Die | null;
  let root = true;
  while (c.pos < c.end) {
    const read = readDie(c, unit, s, parent, root);
    if (read === null) {
      // The end of a sibling list: back up to the parent's level.
      parent = parent?.parent ?? null;
      continue;
    }
    const { die, children } = read;
    if (root) unit.root = die;
    root = false;
    if (kept(die)) dies.set(die.offset, die);
    else if (die.tag === TAG.subrange && parent) (parent.subranges ??= []).push(die);
    else if (die.tag === TAG.inheritance && die.type !== undefined) bases.add(die.type);
    if (children) parent = die;
  }
}

/**
 * The DIEs directly under `die` (a structure's members, say), read again from .debug_info: the
 * first pass drops members, most of which nothing asks for, and this reads only the types a
 * static's layout needs. Their own children are read past. Throws DwarfError like readUnits.
 */
export function childrenOf(die: Die, s: DwarfSections): Die[] {
  const c = new DwarfCursor(s.info.bytes, s.info.fileOffset, '.debug_info', die.offset);
  const self = readDie(c, die.unit, s, die.parent, false);
  if (self === null || !self.children) return [];
  const out: Die[] = [];
  let depth = 1;
  while (depth > 0 && c.pos < c.end) {
    const read = readDie(c, die.unit, s, die, false);
    if (read === null) {
      depth--;
      continue;
    }
    if (depth === 1) out.push(read.die);
    if (read.children) depth++;
  }
  return out;
}

/** The DIE at the cursor with the attributes Memscope keeps, or null for a sibling list's end (code 0). */
function readDie(c: DwarfCursor, unit: Unit, s: DwarfSections, parent: Die | null, root: boolean): { die: Die; children: boolean } | null {
  const at = c.pos;
  const code = c.uleb('abbreviation code');
  if (code === 0) return null;
  const abbrev = unit.abbrevs.get(code);
  if (!abbrev) c.fail(`abbreviation code ${code} is not in the unit's table`, at);
  const die: Die = { offset: at, tag: abbrev.tag, parent, unit };
  let strx: number | undefined;
  let compDir: Value;
  let low: Value;
  let high: Value;
  for (const spec of abbrev.attrs) {
    const v = readValue(c, spec.form, spec.implicit, unit, s);
    if (v === undefined) continue;
    switch (spec.at) {
      case AT.name:
        if (typeof v === 'string') die.name = v;
        else if (typeof v === 'object' && 'strp' in v) die.nameAt = v.strp;
        else if (typeof v === 'object' && 'strx' in v) strx = v.strx;
        break;
      case AT.location: if (v instanceof Uint8Array) die.location = v; break;
      case AT.lowPc: low = v; break;
      case AT.highPc: high = v; break;
      case AT.frameBase: if (v instanceof Uint8Array) die.frameBase = v; break;
      case AT.type: if (typeof v === 'object' && 'ref' in v) die.type = v.ref; break;
      case AT.specification: if (typeof v === 'object' && 'ref' in v) die.specification = v.ref; break;
      case AT.abstractOrigin: if (typeof v === 'object' && 'ref' in v) die.origin = v.ref; break;
      case AT.byteSize: if (typeof v === 'number') die.byteSize = v; break;
      case AT.bitSize: if (typeof v === 'number') die.bitSize = v; break;
      case AT.encoding: if (typeof v === 'number') die.encoding = v; break;
      case AT.count: if (typeof v === 'number') die.count = v; break;
      case AT.lowerBound: if (typeof v === 'number') die.lowerBound = v; break;
      case AT.upperBound: if (typeof v === 'number') die.upperBound = v; break;
      case AT.declaration: die.declaration = v !== 0; break;
      case AT.discr: if (typeof v === 'object' && 'ref' in v) die.discr = v.ref; break;
      case AT.discrValue: if (typeof v === 'number') die.discrValue = v; break;
      case AT.constValue: if (typeof v === 'number') die.constValue = v; break;
      case AT.dataMemberLocation: {
        const offset = typeof v === 'number' ? v : v instanceof Uint8Array ? plusUconst(v) : undefined;
        if (offset !== undefined) die.memberOffset = offset;
        break;
      }
      case AT.dataBitOffset:
        if (typeof v === 'number') [die.memberOffset, die.bitShift] = [Math.floor(v / 8), v % 8];
        break;
      // DWARF 5 gives the bases as sec_offset, each unit its own: a second unit's lie past the
      // first's, so counting from the default (8) would read the first unit's names and addresses.
      case AT.strOffsetsBase: if (root && sectionOffset(v) !== undefined) unit.strOffsetsBase = sectionOffset(v)!; break;
      case AT.addrBase: if (root && sectionOffset(v) !== undefined) unit.addrBase = sectionOffset(v)!; break;
      // DWARF 2-3 give a line table's offset as data4, later versions as sec_offset.
      case AT.stmtList: if (root && sectionOffset(v) !== undefined) unit.lineTable = sectionOffset(v)!; break;
      case AT.compDir: if (root) compDir = v; break;
    }
  }
  // Like the name, a string index waits for the root's str_offsets_base, which may come after it.
  if (compDir !== undefined) {
    if (typeof compDir === 'string') unit.compDir = compDir;
    else if (typeof compDir === 'object' && 'strp' in compDir) unit.compDir = stringAt(s.str, '.debug_str', compDir.strp, c);
    else if (typeof compDir === 'object' && 'strx' in compDir) unit.compDir = stringAt(s.str, '.debug_str', indexedStringOffset(s, unit, compDir.strx, c), c);
  }
  // A root DIE's own name may be a string index read before its base: resolved after all its attributes.
  if (strx !== undefined) die.nameAt = indexedStringOffset(s, unit, strx, c);
  if (low !== undefined && high !== undefined) {
    // DW_AT_high_pc is an address, or (a constant) the length from low_pc.
    const start = addressOf(low, unit, s);
    const end = typeof high === 'number' ? (start === null ? null : start + high) : addressOf(high, unit, s);
    if (start !== null && end !== null && end > start) die.code = [start, end];
  }
  return { die, children: abbrev.children };
}

/** An offset into another section: DW_FORM_sec_offset's, or a data4's (its form before DWARF 4). */
function sectionOffset(v: Value): number | undefined {
  if (typeof v === 'number') return v;
  return typeof v === 'object' && 'sec' in v ? v.sec : undefined;
}

/** An address attribute's value: DW_FORM_addr's, or DWARF 5's index into .debug_addr at the unit's base; null for anything else. */
function addressOf(v: Value, unit: Unit, s: DwarfSections): number | null {
  if (typeof v !== 'object' || v instanceof Uint8Array) return null;
  if ('addr' in v) return v.addr;
  if (!('addrx' in v) || !s.addr) return null;
  const at = unit.addrBase + v.addrx * unit.addressSize;
  if (at + unit.addressSize > s.addr.bytes.length) return null;
  return new DwarfCursor(s.addr.bytes, s.addr.fileOffset, '.debug_addr', at).uint(unit.addressSize, 'address');
}

/** A DWARF 2 member location expression `DW_OP_plus_uconst <ULEB n>` (0x23): n; anything else undefined. */
function plusUconst(expr: Uint8Array): number | undefined {
  if (expr[0] !== 0x23) return undefined;
  const c = new DwarfCursor(expr, 0, 'member location', 1);
  const n = c.uleb('offset');
  return c.pos === expr.length ? n : undefined;
}

/**
 * Whether the statics' or the frames' reader can use a DIE: a kept tag; a variable at a static
 * address or a declaration a definition points to (a C++ class static, in DWARF 4 also a
 * member); a variable or parameter in its function's frame (`DW_OP_fbreg`, 0x91).
 */
function kept(die: Die): boolean {
  if (die.tag === TAG.formalParameter) return die.location?.[0] === 0x91;
  if (die.tag === TAG.variable) return die.declaration === true || (die.location !== undefined && (die.location[0] === 0x03 || die.location[0] === 0xa1 || die.location[0] === 0x91));
  if (die.tag === TAG.member) return die.declaration === true;
  return KEPT_TAGS.has(die.tag);
}

/** Reads one attribute value of `form`; what Memscope never uses comes back undefined. */
function readValue(c: DwarfCursor, form: number, implicit: number, unit: Unit, s: DwarfSections): Value {
  switch (form) {
    case 0x01: return { addr: c.uint(unit.addressSize, 'address') }; // addr
    case 0x03: return c.take(c.u16('block length'), 'block'); // block2
    case 0x04: return c.take(c.u32('block length'), 'block'); // block4
    case 0x05: return c.u16('data2');
    case 0x06: return c.u32('data4');
    case 0x07: return c.uint(8, 'data8');
    case 0x08: return c.cstr('string');
    case 0x09: case 0x18: return c.take(c.uleb('block length'), 'block'); // block, exprloc
    case 0x0a: return c.take(c.u8('block length'), 'block'); // block1
    case 0x0b: return c.u8('data1');
    case 0x0c: return c.u8('flag');
    case 0x0d: return c.sleb('sdata');
    case 0x0e: { // strp: decoded only when asked for (dieName): a big unit names 100,000s of DIEs Memscope never shows
      const at = c.u32('string offset');
      if (!s.str || at >= s.str.bytes.length) c.fail(`string offset ${at} is past the end of .debug_str`);
      return { strp: at };
    }
    case 0x0f: return c.uleb('udata');
    case 0x10: return { ref: c.uint(unit.version <= 2 ? unit.addressSize : 4, 'reference') }; // ref_addr
    case 0x11: return { ref: unit.offset + c.u8('ref1') };
    case 0x12: return { ref: unit.offset + c.u16('ref2') };
    case 0x13: return { ref: unit.offset + c.u32('ref4') };
    case 0x14: return { ref: unit.offset + c.uint(8, 'ref8') };
    case 0x15: return { ref: unit.offset + c.uleb('ref_udata') };
    case 0x16: return readValue(c, c.uleb('indirect form'), implicit, unit, s);
    // sec_offset: a list elsewhere (loclist, ranges), a line table, or a unit's string or address base.
    case 0x17: return { sec: c.u32('section offset') };
    case 0x19: return 1; // flag_present
    case 0x1a: case 0x1f02: return { strx: c.uleb('string index') };
    case 0x1b: case 0x1f01: return { addrx: c.uleb('address index') };
    case 0x1c: c.skip(4, 'ref_sup4'); return undefined;
    case 0x1d: case 0x1f21: c.skip(4, 'supplementary string offset'); return undefined;
    case 0x1e: c.skip(16, 'data16'); return undefined;
    case 0x1f: return stringAt(s.lineStr, '.debug_line_str', c.u32('line string offset'), c);
    case 0x20: c.skip(8, 'type signature'); return undefined; // ref_sig8: a type unit, not read
    case 0x21: return implicit;
    case 0x22: case 0x23: c.uleb('list index'); return undefined;
    case 0x24: c.skip(8, 'ref_sup8'); return undefined;
    case 0x25: return { strx: c.u8('strx1') };
    case 0x26: return { strx: c.u16('strx2') };
    case 0x27: return { strx: c.uint(3, 'strx3') };
    case 0x28: return { strx: c.u32('strx4') };
    case 0x29: return { addrx: c.u8('addrx1') };
    case 0x2a: return { addrx: c.u16('addrx2') };
    case 0x2b: return { addrx: c.uint(3, 'addrx3') };
    case 0x2c: return { addrx: c.u32('addrx4') };
    case 0x1f20: c.skip(4, 'alternate reference'); return undefined;
    default: return c.fail(`unknown attribute form 0x${form.toString(16)}`);
  }
}

/** A DIE's DW_AT_name, decoding it from .debug_str the first time. */
export function dieName(die: Die): string | undefined {
  if (die.name === undefined && die.nameAt !== undefined && die.unit.str) {
    die.name = new DwarfCursor(die.unit.str.bytes, die.unit.str.fileOffset, '.debug_str', die.nameAt).cstr();
  }
  return die.name;
}

function stringAt(section: Section | undefined, name: string, offset: number, c: DwarfCursor): string {
  if (!section) c.fail(`a string refers to ${name}, which the module does not have`);
  if (offset >= section.bytes.length) c.fail(`string offset ${offset} is past the end of ${name}`);
  return new DwarfCursor(section.bytes, section.fileOffset, name, offset).cstr();
}

/** A DW_FORM_strx string's place in .debug_str: entry `index` of the unit's .debug_str_offsets (32-bit offsets). */
function indexedStringOffset(s: DwarfSections, unit: Unit, index: number, c: DwarfCursor): number {
  if (!s.strOffsets) c.fail('a string index refers to .debug_str_offsets, which the module does not have');
  const at = new DwarfCursor(s.strOffsets.bytes, s.strOffsets.fileOffset, '.debug_str_offsets', unit.strOffsetsBase + 4 * index).u32('string offset');
  if (!s.str || at >= s.str.bytes.length) c.fail(`string offset ${at} is past the end of .debug_str`);
  return at;
}
