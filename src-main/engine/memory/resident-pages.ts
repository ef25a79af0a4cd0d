// Which pages of a wasm memory the process has ever touched, asked of the kernel instead of
// read: a page never touched is zero, so a change capture can skip it without reading it.
//
// Why: reading a page is what makes the kernel back it. On most Linux kernels a read of an
// untouched anonymous page maps the shared zero page (~0.5 µs a page: ~150 ms for the 1 GiB a
// growth adds); on others, such as the Firecracker VM (kernel 6.18) this was measured on, every
// read allocates and zeroes a real page (~11 µs a page: 3.1 s and 1 GiB of RSS to find that a
// `grow_to(16384)` wrote nothing there). Either way a capture that reads memory the guest never
// touched pays for memory size, not for what changed.
//
// How, on Linux x86-64 only (4 KiB pages, the change tracker's BLOCK_SIZE), else nothing:
// - /proc/self/maps gives the memory's address. V8 reserves a wasm memory's whole address
//   range and makes its first `byteLength` bytes read-write, so the memory is the tail of a
//   `rw-p` anonymous mapping that the reservation's `---p` rest follows at once:
//       7fea71730000-7fea72d70000 rw-p 00000000 00:00 0      <- the memory (22.25 MiB)
//       7fea72d70000-7fec71730000 ---p 00000000 00:00 0      <- the rest of its reservation
//   A candidate is believed only when a byte changed through the memory reads changed through
//   /proc/self/mem at that address, and only when exactly one does.
// - /proc/self/pagemap then has one 64-bit little-endian entry per 4 KiB page of the address
//   space, at byte (address / 4096) * 8: bit 63 = present in RAM, bit 62 = swapped out (the
//   frame number below is zeroed for unprivileged readers; only these two bits are used). A page
//   with neither bit set has never been touched since the memory was mapped, or was given back
//   (MADV_DONTNEED), and reads as zero either way.
// Any failure (no /proc, an unexpected layout, a read error) answers null: read everything.

import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { Buffer } from 'node:buffer';

const PAGE = 4096;
/** Bits 62 (swapped) and 63 (present) of a pagemap entry, in its high 32-bit word. */
const TOUCHED_BITS = 0xc0000000;

/** Where a memory lives in the address space, found once per memory object (growth makes a new one). */
interface Located {
  buffer: ArrayBufferLike;
  length: number;
  /** Address of byte 0, or null when it could not be found for this memory. */
  base: number | null;
}

export class ResidentPages {
  private located: Located | null = null;
  /** Pagemap entries of the last query, reused (8 bytes per page: 2 MiB for 1 GiB), and as 32-bit words. */
  private entries = Buffer.alloc(0);
  private words = new Uint32Array(0);

  /** A probe for this process, or null where the kernel cannot be asked (not Linux x86-64). */
  static forThisProcess(): ResidentPages | null {
    return process.platform === 'linux' && process.arch === 'x64' ? new ResidentPages() : null;
  }

  /**
   * One byte per 4 KiB page of [start, end) of `memory` (a view of a whole memory; both
   * multiples of 4096): 1 when the page has been touched (it may hold non-zero bytes), 0 when
   * it is certainly zero. Null when unknown. `scratch` is the offset of a byte the caller may
   * change and restore to find the memory (see locate): best one already touched.
   */
  touched(memory: Uint8Array, start: number, end: number, scratch: number): Uint8Array | null {
    if (start % PAGE !== 0 || end % PAGE !== 0 || end > memory.length || start > end || memory.byteOffset !== 0) return null;
    // Another thread could see locate()'s changed byte in a shared memory: not asked there.
    if (typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer) return null;
    const base = this.baseOf(memory, scratch);
    if (base === null) return null;
    const pages = (end - start) / PAGE;
    if (this.entries.length < pages * 8) {
      this.entries = Buffer.alloc(pages * 8);
      this.words = new Uint32Array(this.entries.buffer, this.entries.byteOffset, pages * 2);
    }
    if (!readAll('/proc/self/pagemap', this.entries, pages * 8, ((base + start) / PAGE) * 8)) return null;
    // Each entry's high word, read as a typed array element (the platform is little-endian
    // x86-64): a growth to 1 GiB asks this once, for 258,048 pages, in code not yet optimised,
    // where Buffer.readUInt32LE per entry took ~30 ms and this ~5 ms.
    const words = this.words;
    const out = new Uint8Array(pages);
    for (let page = 0; page < pages; page++) {
      if ((words[page * 2 + 1]! & TOUCHED_BITS) !== 0) out[page] = 1;
    }
    return out;
  }

  private baseOf(memory: Uint8Array, scratch: number): number | null {
    const located = this.located;
    if (located && located.buffer === memory.buffer && located.length === memory.length) return located.base;
    const base = locate(memory, scratch);
    this.located = { buffer: memory.buffer, length: memory.length, base };
    return base;
  }
}

/**
 * The address of `memory`'s byte 0 (see the file's comment), or null. Each candidate is
 * checked by changing the byte at `scratch` and reading it back through /proc/self/mem at the
 * candidate's address: only the memory itself shows the change (a copy of its bytes, such as
 * the change tracker's shadow, would match a comparison of contents). The byte is restored
 * before the guest can run again: the capture runs on the guest's own thread.
 */
function locate(memory: Uint8Array, scratch: number): number | null {
  const length = memory.length;
  let maps: string;
  try {
    maps = readFileSync('/proc/self/maps', 'latin1');
  } catch {
    return null;
  }
  const candidates: number[] = [];
  let previous: { start: number; end: number; readWrite: boolean } | null = null;
  for (const line of maps.split('\n')) {
    const match = /^([0-9a-f]+)-([0-9a-f]+) (\S{4}) \S+ \S+ (\d+)/.exec(line);
    if (!match) continue;
    const start = Number.parseInt(match[1]!, 16);
    const end = Number.parseInt(match[2]!, 16);
    const perms = match[3]!;
    const anonymous = match[4] === '0';
    if (previous?.readWrite && previous.end === start && perms === '---p' && anonymous && previous.end - previous.start >= length) {
      candidates.push(previous.end - length);
    }
    previous = { start, end, readWrite: perms === 'rw-p' && anonymous };
  }
  if (candidates.length === 0) return null;
  const original = memory[scratch]!;
  const marked = original ^ 0xff;
  const seen = Buffer.alloc(1);
  const found: number[] = [];
  memory[scratch] = marked;
  try {
    for (const base of candidates) {
      if (readAll('/proc/self/mem', seen, 1, base + scratch) && seen[0] === marked) found.push(base);
    }
  } finally {
    memory[scratch] = original;
  }
  return found.length === 1 ? found[0]! : null;
}

/** Reads `length` bytes of `file` at `position` into `into`; false on any error or short read. */
function readAll(file: string, into: Buffer, length: number, position: number): boolean {
  let fd = -1;
  try {
    fd = openSync(file, 'r');
    for (let got = 0; got < length;) {
      const n = readSync(fd, into, got, length - got, position + got);
      if (n <= 0) return false;
      got += n;
    }
    return true;
  } catch {
    return false;
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}
