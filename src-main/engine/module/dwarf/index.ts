// DWARF, read for what Memscope shows: the static variables a module's debug info names, and
// the source line of a code byte (a writer, a trap's frame).

import type { CustomSectionInfo, PointedType, SourceLine, StaticVariable } from '../../../shared/dto.ts';
import { formatSize } from '../../../shared/byte-size.ts';
import { compDirsByLineTable, type DwarfSections, type Section } from './debug-info.ts';
import { DwarfError } from './dwarf-cursor.ts';
import { readLineTable, type LineTable } from './debug-line.ts';
import { FrameReader, type DwarfFrame } from './frames.ts';
import { readStatics } from './statics.ts';

/**
 * The most .debug_info read for statics. It is read whenever the module is opened, one unit at
 * a time (memory stays at the largest unit's DIEs, ~10 bytes of objects per byte), at ~20-25 ms
 * per MiB on a loaded 2-core machine: 64 MiB adds ~1.5 s to an open.
 */
export const MAX_DEBUG_INFO_BYTES = 64 << 20;


/**
 * The module's statics from its .debug_info, or null when it has none (no -g, or stripped). A
 * malformed DWARF section is a warning naming the section and the byte offset in the file, and
 * no statics: debug info never makes a module unusable.
 */
export function moduleStatics(bytes: Uint8Array, sections: readonly CustomSectionInfo[]): { statics: StaticVariable[]; types: PointedType[]; frames?: DwarfFrame[]; warning?: string } | null {
  const find = finder(bytes, sections);
  const info = find('.debug_info');
  const abbrev = find('.debug_abbrev');
  if (!info || !abbrev) return null;
  if (info.bytes.length > MAX_DEBUG_INFO_BYTES) {
    return { statics: [], types: [], warning: `DWARF static variables not read: .debug_info is ${formatSize(info.bytes.length)}, more than the ${formatSize(MAX_DEBUG_INFO_BYTES)} read when a module is opened; build only your own code with -g` };
  }
  const dwarf: DwarfSections = { info, abbrev };
  const more = { str: find('.debug_str'), lineStr: find('.debug_line_str'), strOffsets: find('.debug_str_offsets'), addr: find('.debug_addr') };
  for (const [key, section] of Object.entries(more)) if (section) dwarf[key as keyof typeof more] = section;
  try {
    const frames = new FrameReader();
    const { statics, types, omitted } = readStatics(dwarf, frames);
    const warnings = [
      ...(omitted > 0 ? [`DWARF names ${statics.length + omitted} static variables; the ${omitted} at the highest addresses are left out`] : []),
      ...(frames.omitted > 0 ? [`DWARF places ${frames.variables + frames.omitted} variables in stack frames; the ${frames.omitted} past the first ${frames.variables} are left out`] : []),
    ];
    return { statics, types, ...(frames.frames.length > 0 ? { frames: inFile(frames.frames, codePayloadStart(bytes)) } : {}), ...(warnings.length > 0 ? { warning: warnings.join('; ') } : {}) };
  } catch (e) {
    if (!(e instanceof DwarfError)) throw e;
    return { statics: [], types: [], warning: `DWARF static variables not read: ${e.message} (byte offset ${e.offset})` };
  }
}

/** Frames with their code ranges and scopes as file offsets (DWARF's count from the code section's payload at `code`); none without a code section. */
function inFile(frames: DwarfFrame[], code: number | null): DwarfFrame[] {
  if (code === null) return [];
  const at = ([start, end]: [number, number]): [number, number] => [code + start, code + end];
  for (const f of frames) {
    f.code = at(f.code);
    for (const v of f.variables) if (v.scope) v.scope = at(v.scope);
  }
  return frames;
}

/** The source lines of a module's code, by the file offset of an instruction (as V8's frames and write sites give it). */
export interface ModuleLines {
  at(fileOffset: number): SourceLine | null;
}

/**
 * The module's line table from .debug_line, or null when it has none; a malformed one is an
 * error naming the byte offset (its `problem`), and no lines.
 */
export function moduleLines(bytes: Uint8Array, sections: readonly CustomSectionInfo[]): { lines: ModuleLines; rows: number } | { problem: string } | null {
  const find = finder(bytes, sections);
  const line = find('.debug_line');
  const code = codePayloadStart(bytes);
  if (!line || code === null) return null;
  let table: LineTable;
  try {
    table = readLineTable(line, { str: find('.debug_str'), lineStr: find('.debug_line_str') }, compDirs(find));
  } catch (e) {
    if (!(e instanceof DwarfError)) throw e;
    return { problem: `DWARF source lines not read: ${e.message} (byte offset ${e.offset})` };
  }
  return { lines: { at: (fileOffset) => (fileOffset < code ? null : table.at(fileOffset - code)) }, rows: table.size };
}

/**
 * The units' compilation directories for their line tables; none when .debug_info is missing or
 * malformed: the lines are still right, their paths stay as the line table writes them (maybe
 * relative), and opening the module already warns of the malformed byte (moduleStatics).
 */
function compDirs(find: (name: string) => Section | undefined): Map<number, string> {
  const info = find('.debug_info');
  const abbrev = find('.debug_abbrev');
  if (!info || !abbrev) return new Map();
  const s: DwarfSections = { info, abbrev };
  const more = { str: find('.debug_str'), lineStr: find('.debug_line_str'), strOffsets: find('.debug_str_offsets') };
  for (const [key, section] of Object.entries(more)) if (section) s[key as keyof typeof more] = section;
  try {
    return compDirsByLineTable(s);
  } catch (e) {
    if (!(e instanceof DwarfError)) throw e;
    return new Map();
  }
}

function finder(bytes: Uint8Array, sections: readonly CustomSectionInfo[]): (name: string) => Section | undefined {
  return (name) => {
    const s = sections.find((c) => c.name === name);
    return s && { bytes: bytes.subarray(s.offset, s.offset + s.size), fileOffset: s.offset };
  };
}

/**
 * Where the code section's payload starts in the file: DWARF's code addresses in wasm count
 * from there. Section headers only (id byte, ULEB size); null without a code section.
 */
function codePayloadStart(bytes: Uint8Array): number | null {
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at++]!;
    let size = 0;
    let shift = 0;
    for (;;) {
      if (at >= bytes.length) return null;
      const b = bytes[at++]!;
      size += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if ((b & 0x80) === 0) break;
    }
    if (id === 10) return at;
    at += size;
  }
  return null;
}
