// Which host directories a sequence may open. A sequence from a host path (CLI argument, Open
// Recent, a bundled demo) is trusted like `memscope run`: its `dir` lines resolve beside it.
// Text from the page (an upload, an edit) has no host location: an uploaded module's session
// grants no directories at all, and an edit of a trusted sequence may keep its `dir` lines but
// not add new ones (so a sequence file received from someone cannot widen access by upload).

import { parseSequence } from '../engine/index.ts';
import type { MemscopeError } from '../shared/dto.ts';

export interface Trust {
  /** Directory the trusted sequence came from; null for uploads (no directories granted). */
  baseDir: string | null;
  /** The `dir` lines of the trusted sequence, normalised. */
  dirs: string[];
}

export function dirLines(text: string): string[] {
  return parseSequence(text).sequence.directives.flatMap((d) =>
    d.kind === 'dir' ? [`${d.host}\0${d.guest}\0${d.writable ? 'rw' : 'ro'}`] : [],
  );
}

export function trusted(baseDir: string, text: string | null): Trust {
  return { baseDir, dirs: text === null ? [] : dirLines(text) };
}

export const UNTRUSTED: Trust = { baseDir: null, dirs: [] };

/** The refusal for page-supplied text that adds `dir` lines, or null when it may run. */
export function checkEditedDirs(trust: Trust, text: string): MemscopeError | null {
  const added = dirLines(text).filter((d) => !trust.dirs.includes(d));
  if (added.length === 0) return null;
  const [host, guest] = added[0].split('\0');
  return {
    code: 'usage',
    message: trust.baseDir === null
      ? `\`dir "${host}" as "${guest}"\`: an uploaded sequence cannot grant host directories; open it by path instead (memscope serve --sequence FILE, or File › Open Sequence… in the desktop app)`
      : `\`dir "${host}" as "${guest}"\`: a sequence edited here cannot add host directories; add the line to the file and open it by path`,
  };
}
