// The one writer of a sequence's `bookmark` line (the parser in engine/sequence reads it back):
// `bookmark "name" @ 0x10620 [8] green`, the name quoted with the sequence's string escapes.

import type { Bookmark } from './dto.ts';

export function bookmarkLine(b: Bookmark): string {
  const name = b.name.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\n/g, '\\n');
  return `bookmark "${name}" @ 0x${b.start.toString(16)} [${b.size}] ${b.colour}`;
}
