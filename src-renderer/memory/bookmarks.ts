// Bookmarks: named, coloured byte ranges a person marks in memory. They are kept in the sequence
// as `bookmark "name" @ 0x… [N] colour` lines, so they travel with the .wseq file. Older ones
// were kept per module (by its SHA-256) in local storage: those stay readable, can be moved into
// the sequence, and are still where a memory image (which has no sequence) keeps its own.

import { BOOKMARK_COLOURS, type Bookmark } from '../../src-main/shared/dto.ts';
import { lineEnd, sequenceLines } from '../../src-main/shared/sequence-text.ts';

export { BOOKMARK_COLOURS };
export { bookmarkLine } from '../../src-main/shared/bookmark-line.ts';
export type { Bookmark, BookmarkColour } from '../../src-main/shared/dto.ts';

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>;

const key = (moduleSha256: string) => `memscope.bookmarks.${moduleSha256}`;

/** The bookmarks stored in the browser for a module; anything malformed is dropped, not trusted. */
export function loadBookmarks(storage: Storage, moduleSha256: string): Bookmark[] {
  try {
    const raw = JSON.parse(storage.getItem(key(moduleSha256)) ?? '[]') as unknown;
    if (!Array.isArray(raw)) return [];
    return raw.filter((b): b is Bookmark => !!b && typeof b.name === 'string' && b.name !== '' && Number.isSafeInteger(b.start) && b.start >= 0
      && Number.isSafeInteger(b.size) && b.size > 0 && BOOKMARK_COLOURS.includes(b.colour));
  } catch {
    return [];
  }
}

export function saveBookmarks(storage: Storage, moduleSha256: string, list: readonly Bookmark[]): void {
  if (list.length === 0) storage.removeItem(key(moduleSha256));
  else storage.setItem(key(moduleSha256), JSON.stringify(list));
}

/** The text without its 1-based line `line` (a bookmark removed from the sequence). */
export function withoutLine(text: string, line: number): string {
  // Lines as the parser counts them (a lone CR too), joined with the file's own line end.
  const lines = sequenceLines(text);
  lines.splice(line - 1, 1);
  return lines.join(lineEnd(text));
}

/** A name not yet taken: `base`, `base 2`, `base 3`… */
export function freshName(list: readonly { name: string }[], base: string): string {
  const taken = new Set(list.map((b) => b.name));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base} ${i}`)) return `${base} ${i}`;
}
