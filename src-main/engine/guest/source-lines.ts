// The module's DWARF line table in its worker, read on first need (a trap's frames, a traced
// writer): a module without .debug_line, or with a malformed one, places nothing.

import type { CustomSectionInfo, GuestFrame, SourceLine } from '../../shared/dto.ts';
import { moduleLines } from '../module/dwarf/index.ts';

export type SourceAt = (fileOffset: number) => SourceLine | null;

const NONE: SourceAt = () => null;

/** One per module's bytes: the instance and write tracing ask the same table. */
const made = new WeakMap<Uint8Array, SourceAt>();

/** `at(fileOffset)` for the module's bytes, the line table read the first time it is asked. */
export function sourceLines(bytes: Uint8Array, info: { dwarf: string[]; customSections: CustomSectionInfo[] }): SourceAt {
  if (!info.dwarf.includes('.debug_line')) return NONE;
  let lines = made.get(bytes);
  if (lines) return lines;
  let at: SourceAt | null = null;
  lines = (fileOffset) => {
    if (at === null) {
      const read = moduleLines(bytes, info.customSections);
      at = read && 'lines' in read ? read.lines.at : NONE;
    }
    return at(fileOffset);
  };
  made.set(bytes, lines);
  return lines;
}

/** `frames` with each frame's source line, where its offset has one. */
export function placeFrames(frames: GuestFrame[], at: SourceAt): GuestFrame[] {
  return frames.map((f) => {
    const source = f.offset === undefined ? null : at(f.offset);
    return source ? { ...f, source } : f;
  });
}
