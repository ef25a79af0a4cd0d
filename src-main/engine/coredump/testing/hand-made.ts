// Test helper: hand-made coredump bytes, section by section, for tests of what the reader takes
// or refuses (coredump-malformed, coredump-conventions).

import { ByteWriter } from '../../module/byte-writer.ts';

export const HEADER = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
/** Section ids a dump's tests write by hand. */
export const MEMORY = 5;
export const GLOBAL = 6;
export const DATA = 11;

/** A module with a `core` section naming process "p", then what `more` adds. */
export function dump(more: (w: ByteWriter) => void): Uint8Array {
  const w = new ByteWriter().raw(HEADER);
  w.custom('core', new ByteWriter().u8(0).name('p').bytes());
  more(w);
  return w.bytes();
}
