// A memory64 coredump may declare a memory of up to 2^53 bytes: past the 1 TiB a snapshot may
// hold it is refused at the byte offset of the minimum, not opened to throw when the page map
// (a byte per 64 KiB) is built.

import { describe, expect, it } from 'vitest';
import { ByteWriter } from '../module/byte-writer.ts';
import { openMemoryImage } from '../image/open-image.ts';
import { MAX_SNAPSHOT_MEMORY } from '../memory/snapshot-format.ts';
import { decodeCoredump } from './read.ts';

const PAGE = 65536;

/** A coredump of process "p" with one memory64 of `pages` pages; `minimumAt` is where `pages` is written. */
function dump(pages: number): { bytes: Uint8Array; minimumAt: number } {
  const w = new ByteWriter().raw(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  w.custom('core', new ByteWriter().u8(0).name('p').bytes());
  const memory = new ByteWriter().uleb(1).u8(0x04).uleb(pages).bytes();
  w.section(5, memory);
  // The section's payload ends the file: count (1 byte) and flags (1 byte) come before the minimum.
  const bytes = w.bytes();
  return { bytes, minimumAt: bytes.length - memory.length + 2 };
}

describe('a memory64 coredump larger than a memory image may hold', () => {
  it.each([
    [MAX_SNAPSHOT_MEMORY / PAGE + 1, '16777217 pages (1099511693312 bytes)'],
    [2 ** 36, '68719476736 pages (4503599627370496 bytes)'],
  ])('%d pages: refused at the minimum\'s offset', (pages, says) => {
    const { bytes, minimumAt } = dump(pages);
    const read = decodeCoredump(bytes);
    expect(read.ok ? 'read' : [read.error.message, read.error.where?.offset]).toEqual([
      `memory 0 declares ${says}, larger than the 1099511627776 bytes (1 TiB) a memory image may hold`, minimumAt,
    ]);
    const opened = openMemoryImage({ name: 'big.core', bytes });
    expect(opened.ok ? 'opened' : opened.error.where).toEqual({ file: 'big.core', offset: minimumAt });
  });

  it('1 TiB exactly opens, and its page map is built', () => {
    const opened = openMemoryImage({ name: 'tib.core', bytes: dump(MAX_SNAPSHOT_MEMORY / PAGE).bytes });
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.value.memorySize).toBe(MAX_SNAPSHOT_MEMORY);
    const map = opened.value.pageMap();
    expect(map.ok && map.value.length).toBe(MAX_SNAPSHOT_MEMORY / PAGE);
  });
});
