// preview1 fd_readdir: a stable listing with synthesized `.` and `..`, cookies as entry indexes.

import { u32, u64, wasiFn, type WasiContext } from './context.ts';
import { Errno } from './errno.ts';
import { guestInode, selfDescriptor } from './fd-stat.ts';
import type { DirEntry, DirListing } from './fd-table.ts';
import { lookup } from './fd-io.ts';
import { encodeDirent, Filetype, filetypeOf } from './layouts.ts';

const encoder = new TextEncoder();

/**
 * Reads the whole directory once (at cookie 0, or when no listing is cached). Entries are
 * sorted by name so that two runs list the same order. preview2 omits `.` and `..`; we add
 * them first. `..` gets this directory's inode: a preopen's parent is not ours to stat, and
 * wasi-libc treats inode 0 as "unknown, go fstatat it". d_ino is what a stat says (fd-stat.ts):
 * in deterministic mode, not the host's inode, which differs in every checkout.
 */
function takeListing(ctx: WasiContext, e: DirEntry): DirListing {
  const self = selfDescriptor(e);
  const names: { name: string; type: number }[] = [];
  const stream = self.readDirectory();
  try {
    for (let ent = stream.readDirectoryEntry(); ent; ent = stream.readDirectoryEntry()) {
      names.push({ name: ent.name, type: filetypeOf(ent.type) });
    }
  } finally {
    stream[Symbol.dispose]();
  }
  names.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  const selfIno = guestInode(ctx, self.metadataHash().lower);
  const ino = (name: string): bigint => {
    try { return guestInode(ctx, self.metadataHashAt({ symlinkFollow: false }, name).lower); } catch { return 0n; }
  };
  return {
    entries: [
      { name: '.', type: Filetype.DIRECTORY, ino: selfIno },
      { name: '..', type: Filetype.DIRECTORY, ino: selfIno },
      ...names.map((n) => ({ ...n, ino: ino(n.name) })),
    ],
  };
}

export const fdReaddirFunctions = [
  // Fills buf with dirents from entry index `cookie` on; the last one may be cut off at the end
  // of the buffer (bufused == buf_len tells the guest to retry with a bigger buffer).
  wasiFn('fd_readdir', ['fd', 'buf', 'buf_len', 'cookie', 'bufused'], (ctx, note, a) => {
    const fd = u32(a[0]);
    const e = lookup(ctx, fd);
    // BADF for every non-directory, files included, as wazero answers: TinyGo's os.Open has no
    // O_DIRECTORY, so a file opens fine and its Readdirnames relies on EBADF here.
    if (e.kind !== 'dir') return Errno.BADF;
    const buf = u32(a[1]);
    const bufLen = u32(a[2]);
    const cookie = u64(a[3]);
    const usedPtr = u32(a[4]);
    ctx.mem.validate(buf, bufLen);
    ctx.mem.validate(usedPtr, 4);
    if (cookie === 0n || !e.listing) e.listing = takeListing(ctx, e);
    const entries = e.listing.entries;
    let used = 0;
    let count = 0;
    for (let i = Number(cookie); i < entries.length && used < bufLen; i++) {
      const ent = entries[i];
      const bytes = encodeDirent(BigInt(i + 1), ent.ino, encoder.encode(ent.name), ent.type);
      const part = bytes.subarray(0, Math.min(bytes.length, bufLen - used));
      ctx.mem.write(buf + used, part);
      used += part.length;
      count++;
    }
    ctx.mem.setU32(usedPtr, used);
    note.detail.entries = count;
    note.detail.names = entries.slice(Number(cookie), Number(cookie) + count).map((x) => x.name).join(' ').slice(0, 200);
    return Errno.SUCCESS;
  }, { show: 'fd={fd}, cookie={cookie:u64}', then: '{entries} entries, {bufused:bytesat}' }),
];
