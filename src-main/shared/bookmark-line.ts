// The one writer of a sequence's `bookmark` line (the parser in engine/sequence reads it back):
// `bookmark "name" @ 0x10620 [8] green`, the name quoted with the sequence's string escapes.

import type { Bookmark } from './dto.ts';
import { sequenceString } from './value-format.ts';

export function bookmarkLine(b: Bookmark): string {
  // sequenceString, not escapes of our own: those covered `\`, `"` and LF only, so a CR in a name
  // (pasted from a Windows text) ended the line there (a lone CR is a line break) and a tab or
  // other control went in raw. U+2028 stays raw: inside a string it is no line break to the parser
  // nor to the page's editor (a textarea), and `\xNN` bytes would read back as other characters.
  return `bookmark ${sequenceString(b.name)} @ 0x${b.start.toString(16)} [${b.size}] ${b.colour}`;
}
