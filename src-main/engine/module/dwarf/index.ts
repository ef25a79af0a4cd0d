// DWARF, read for what Memscope shows: the static variables a module's debug info names.

import type { CustomSectionInfo, StaticVariable } from '../../../shared/dto.ts';
import { ReadError } from '../reader.ts';
import type { DwarfSections, Section } from './debug-info.ts';
import { readStatics } from './statics.ts';

/**
 * The module's statics from its .debug_info, or null when it has none (no -g, or stripped). A
 * malformed DWARF section is a warning naming the section and the byte offset in the file, and
 * no statics: debug info never makes a module unusable.
 */
export function moduleStatics(bytes: Uint8Array, sections: readonly CustomSectionInfo[]): { statics: StaticVariable[]; warning?: string } | null {
  const find = (name: string): Section | undefined => {
    const s = sections.find((c) => c.name === name);
    return s && { bytes: bytes.subarray(s.offset, s.offset + s.size), fileOffset: s.offset };
  };
  const info = find('.debug_info');
  const abbrev = find('.debug_abbrev');
  if (!info || !abbrev) return null;
  const dwarf: DwarfSections = { info, abbrev };
  const more = { str: find('.debug_str'), lineStr: find('.debug_line_str'), strOffsets: find('.debug_str_offsets'), addr: find('.debug_addr') };
  for (const [key, section] of Object.entries(more)) if (section) dwarf[key as keyof typeof more] = section;
  try {
    const { statics, omitted } = readStatics(dwarf);
    return omitted > 0 ? { statics, warning: `DWARF names ${statics.length + omitted} static variables; the ${omitted} at the highest addresses are left out` } : { statics };
  } catch (e) {
    if (!(e instanceof ReadError)) throw e;
    return { statics: [], warning: `DWARF static variables not read: ${e.message} (byte offset ${e.offset})` };
  }
}
