// Bookmarks: named, coloured byte ranges a person marks in memory, kept per module (by its
// SHA-256) in local storage, so they are there again whenever that module is reopened.

export const BOOKMARK_COLOURS = ['blue', 'green', 'orange', 'pink', 'purple'] as const;
export type BookmarkColour = (typeof BOOKMARK_COLOURS)[number];

export interface Bookmark {
  name: string;
  start: number;
  size: number;
  colour: BookmarkColour;
}

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;

const key = (moduleSha256: string) => `memscope.bookmarks.${moduleSha256}`;

/** The module's bookmarks; anything malformed in storage is dropped, not trusted. */
export function loadBookmarks(storage: Storage, moduleSha256: string): Bookmark[] {
  try {
    const raw = JSON.parse(storage.getItem(key(moduleSha256)) ?? '[]') as unknown;
    if (!Array.isArray(raw)) return [];
    return raw.filter((b): b is Bookmark => !!b && typeof b.name === 'string' && Number.isSafeInteger(b.start) && b.start >= 0
      && Number.isSafeInteger(b.size) && b.size > 0 && BOOKMARK_COLOURS.includes(b.colour));
  } catch {
    return [];
  }
}

export function saveBookmarks(storage: Storage, moduleSha256: string, list: readonly Bookmark[]): void {
  storage.setItem(key(moduleSha256), JSON.stringify(list));
}

/** A name not yet taken: `base`, `base 2`, `base 3`… */
export function freshName(list: readonly Bookmark[], base: string): string {
  const taken = new Set(list.map((b) => b.name));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base} ${i}`)) return `${base} ${i}`;
}
