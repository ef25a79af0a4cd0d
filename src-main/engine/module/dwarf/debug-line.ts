// The line tables of .debug_line (DWARF 2 to 5, 32-bit): which source line each code address
// came from. In wasm, DWARF's code addresses are byte offsets into the code section's payload
// (after its id and size), so a file offset `at` of an instruction is address `at - payload start`.
//
// Header: unit_length u32 | version u16 | [v5: address_size u8, seg_sel_size u8] | header_length
//   u32 | min_inst_length u8 | [v4+: max_ops_per_inst u8] | default_is_stmt u8 | line_base i8 |
//   line_range u8 | opcode_base u8 | standard_opcode_lengths[opcode_base - 1] u8 |
//   v2-v4: include_directories (strings, "" ends) | file_names ((name, dir ULEB, mtime ULEB,
//     length ULEB)*, "" ends); files count from 1, directory 0 is the compilation directory,
//     which only the unit's DW_AT_comp_dir in .debug_info says (its DW_AT_stmt_list is the
//     line table's offset).
//   v5: directory and file entry formats ((content type ULEB, form ULEB)*) before each list;
//     both count from 0, and directory 0 is the compilation directory itself.
// A file's name is relative to its directory, a directory to the compilation directory: rustc
// names std's files `library/std/src/…` under `/usr/src/rustc-1.63.0`, clang a source given
// relative to the cwd under that cwd. Paths are made absolute so; one that stays relative (a
// relative or no compilation directory, as wasi-libc's `.` and `./build`) is left to consumers.
// The program then runs the line-number state machine (DWARF 5 §6.2.5) to the unit's end.

import { DwarfCursor } from './dwarf-cursor.ts';
import type { Section } from './debug-info.ts';
import type { SourceLine } from '../../../shared/dto.ts';

/** Rows of every sequence, by address: a row holds from its address to the next row's. */
export class LineTable {
  constructor(
    private readonly addresses: Uint32Array,
    /** Index into `files`, or -1 where a sequence ends (no line there). */
    private readonly fileIndex: Int32Array,
    private readonly lines: Uint32Array,
    private readonly columns: Uint32Array,
    private readonly files: string[],
  ) {}

  get size(): number {
    return this.addresses.length;
  }

  /** The source line of code address `address` (an offset in the code section's payload), or null. */
  at(address: number): SourceLine | null {
    const a = this.addresses;
    let lo = 0;
    let hi = a.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (a[mid]! <= address) {
        best = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (best < 0 || this.fileIndex[best]! < 0 || this.lines[best] === 0) return null;
    return { file: this.files[this.fileIndex[best]!]!, line: this.lines[best]!, column: this.columns[best]! };
  }
}

interface Row {
  address: number;
  /** Unit-local while the unit is read, then the table's; -1: no file known. */
  file: number;
  line: number;
  column: number;
  /** The row just past a sequence's last instruction. */
  end: boolean;
}

/**
 * Reads every line program of .debug_line; `compDirs` holds each unit's compilation directory by
 * its line table's offset (compDirsByLineTable), which DWARF 2-4 tables need for their directory
 * 0 and relative directories. Throws DwarfError (with the file offset) at a malformed byte.
 */
export function readLineTable(line: Section, strings: LineStrings, compDirs: ReadonlyMap<number, string> = new Map()): LineTable {
  const rows: Row[] = [];
  const files: string[] = [];
  const fileIds = new Map<string, number>();
  const c = new DwarfCursor(line.bytes, line.fileOffset, '.debug_line');
  while (c.pos < c.end) {
    const start = c.pos;
    const length = c.u32('unit length');
    if (length === 0xffffffff) c.fail('64-bit DWARF is not supported', start);
    const end = c.pos + length;
    if (end > c.end) c.fail(`unit length ${length} runs past the section's end`, start);
    const unitRows: Row[] = [];
    const names = readProgram(new DwarfCursor(line.bytes, line.fileOffset, '.debug_line', c.pos, end), strings, compDirs.get(start) ?? '', unitRows);
    // The unit's file numbers, renumbered into the table's one list of names.
    for (const row of unitRows) {
      const name = row.file < 0 ? undefined : names.get(row.file);
      if (name !== undefined) {
        let id = fileIds.get(name);
        if (id === undefined) fileIds.set(name, (id = files.push(name) - 1));
        row.file = id;
      } else {
        row.file = -1;
      }
      rows.push(row);
    }
    c.pos = end;
  }
  // By address; where a sequence's end and the next one's start share an address, the start wins.
  rows.sort((x, y) => x.address - y.address || (x.end === y.end ? 0 : x.end ? -1 : 1));
  const n = rows.length;
  const addresses = new Uint32Array(n);
  const fileIndex = new Int32Array(n);
  const lines = new Uint32Array(n);
  const columns = new Uint32Array(n);
  rows.forEach((row, i) => {
    addresses[i] = row.address;
    fileIndex[i] = row.end ? -1 : row.file;
    lines[i] = row.line;
    columns[i] = row.column;
  });
  return new LineTable(addresses, fileIndex, lines, columns, files);
}

export interface LineStrings {
  str?: Section;
  lineStr?: Section;
}

/**
 * Runs one unit's line program, appending its rows (unit-local file numbers) to `rows`; returns
 * the unit's file names by number. Sequences wasm-ld discarded (their code is gone: it writes
 * address 0 or -1 for them) are left out.
 */
function readProgram(c: DwarfCursor, strings: LineStrings, compDir: string, rows: Row[]): Map<number, string> {
  const version = c.u16('version');
  if (version < 2 || version > 5) c.fail(`line table version ${version} is not supported`, c.pos - 2);
  if (version >= 5) {
    c.u8('address size'); // set_address says its own operand's size
    c.u8('segment selector size');
  }
  const headerLength = c.u32('header length');
  const programStart = c.pos + headerLength;
  const minInst = c.u8('minimum instruction length');
  if (version >= 4) c.u8('maximum operations per instruction');
  c.u8('default is_stmt'); // every row is kept, statement or not
  const lineBase = (c.u8('line base') << 24) >> 24;
  const lineRange = c.u8('line range');
  if (lineRange === 0) c.fail('line range 0', c.pos - 1);
  const opcodeBase = c.u8('opcode base');
  const argCounts = [0];
  for (let i = 1; i < opcodeBase; i++) argCounts.push(c.u8('standard opcode length'));
  const names = version >= 5 ? readEntriesV5(c, strings) : readEntriesV4(c, compDir);
  c.pos = programStart;

  let address = 0;
  let file = 1;
  let lineNo = 1;
  let column = 0;
  let sequence: Row[] = [];
  const emit = (end: boolean) => sequence.push({ address, file, line: lineNo, column, end });
  while (c.pos < c.end) {
    const op = c.u8('opcode');
    if (op >= opcodeBase) {
      const adjusted = op - opcodeBase;
      address += Math.floor(adjusted / lineRange) * minInst;
      lineNo += lineBase + (adjusted % lineRange);
      emit(false);
      continue;
    }
    switch (op) {
      case 0: { // extended: length, sub-opcode, operands
        const length = c.uleb('extended opcode length');
        const next = c.pos + length;
        const sub = length > 0 ? c.u8('extended opcode') : 0;
        if (sub === 1) { // end_sequence
          emit(true);
          // Discarded code keeps its rows at a tombstone address (0 or -1): nothing real is there.
          if (sequence[0]!.address !== 0 && sequence[0]!.address < 0xfffffff0) for (const r of sequence) rows.push(r);
          sequence = [];
          address = 0;
          file = 1;
          lineNo = 1;
          column = 0;
        } else if (sub === 2) { // set_address
          address = c.uint(Math.min(length - 1, 8), 'address');
        }
        c.pos = next;
        break;
      }
      case 1: emit(false); break; // copy
      case 2: address += c.uleb('advance_pc') * minInst; break;
      case 3: lineNo += c.sleb('advance_line'); break;
      case 4: file = c.uleb('set_file'); break;
      case 5: column = c.uleb('set_column'); break;
      case 8: address += Math.floor((255 - opcodeBase) / lineRange) * minInst; break; // const_add_pc
      case 9: address += c.u16('fixed_advance_pc'); break;
      default: for (let i = 0; i < (argCounts[op] ?? 0); i++) c.uleb('operand'); // negate_stmt, set_basic_block, …
    }
  }
  return names;
}

/** DWARF 2-4: include_directories then file_names, each list ended by an empty string; files count from 1. */
function readEntriesV4(c: DwarfCursor, compDir: string): Map<number, string> {
  const dirs = [compDir];
  for (let d = c.cstr('include directory'); d !== ''; d = c.cstr('include directory')) dirs.push(joinPath(compDir, d));
  const names = new Map<number, string>();
  for (let n = 1, name = c.cstr('file name'); name !== ''; n++, name = c.cstr('file name')) {
    const dir = dirs[c.uleb('directory index')] ?? '';
    c.uleb('modification time');
    c.uleb('file length');
    names.set(n, joinPath(dir, name));
  }
  return names;
}

const LNCT = { path: 1, directoryIndex: 2 } as const;

/** DWARF 5: each list is described by (content type, form) pairs first; both count from 0, directory 0 the compilation directory. */
function readEntriesV5(c: DwarfCursor, strings: LineStrings): Map<number, string> {
  const listed = readEntryList(c, strings).map((e) => e.path ?? '');
  const compDir = listed[0] ?? '';
  const dirs = listed.map((d, i) => (i === 0 ? d : joinPath(compDir, d)));
  const names = new Map<number, string>();
  readEntryList(c, strings).forEach((e, n) => {
    names.set(n, joinPath(dirs[e.directory ?? 0] ?? '', e.path ?? '?'));
  });
  return names;
}

function readEntryList(c: DwarfCursor, strings: LineStrings): { path?: string; directory?: number }[] {
  const formats: [number, number][] = [];
  const count = c.u8('entry format count');
  for (let i = 0; i < count; i++) formats.push([c.uleb('content type'), c.uleb('form')]);
  const entries: { path?: string; directory?: number }[] = [];
  const total = c.uleb('entry count');
  for (let i = 0; i < total; i++) {
    const entry: { path?: string; directory?: number } = {};
    for (const [type, form] of formats) {
      const value = entryValue(c, form, strings);
      if (type === LNCT.path && typeof value === 'string') entry.path = value;
      if (type === LNCT.directoryIndex && typeof value === 'number') entry.directory = value;
    }
    entries.push(entry);
  }
  return entries;
}

/** A v5 entry's value: the forms DWARF 5 allows in these lists (§6.2.4.1). */
function entryValue(c: DwarfCursor, form: number, strings: LineStrings): string | number | null {
  switch (form) {
    case 0x08: return c.cstr('path');
    case 0x0e: return stringIn(strings.str, '.debug_str', c.u32('string offset'), c);
    case 0x1f: return stringIn(strings.lineStr, '.debug_line_str', c.u32('line string offset'), c);
    case 0x0b: return c.u8('data1');
    case 0x05: return c.u16('data2');
    case 0x06: return c.u32('data4');
    case 0x07: return c.uint(8, 'data8');
    case 0x0f: return c.uleb('udata');
    case 0x1e: c.skip(16, 'MD5'); return null;
    case 0x09: c.skip(c.uleb('block length'), 'block'); return null;
    default: return c.fail(`unknown form 0x${form.toString(16)} in a file entry`);
  }
}

function stringIn(section: Section | undefined, name: string, offset: number, c: DwarfCursor): string {
  if (!section || offset >= section.bytes.length) c.fail(`string offset ${offset} is not inside ${name}`);
  return new DwarfCursor(section.bytes, section.fileOffset, name, offset).cstr();
}

/** A POSIX or Windows absolute path (a module built on Windows names `C:\\src\\a.c`). */
const ABSOLUTE = /^(\/|\\|[A-Za-z]:[\\/])/;

/**
 * `name` under `dir`, or `name` alone when it is absolute or there is no directory; `.` steps
 * and doubled slashes dropped (`./build` + `./src` is `build/src`). `..` is kept: over a
 * symbolic link it is not the parent a text edit would give.
 */
export function joinPath(dir: string, name: string): string {
  const joined = dir === '' || ABSOLUTE.test(name) ? name : `${dir}/${name}`;
  const tidy = joined.replace(/\/(\.?\/)+/g, '/').replace(/^(\.\/)+/, '');
  return tidy === '' ? joined : tidy;
}
