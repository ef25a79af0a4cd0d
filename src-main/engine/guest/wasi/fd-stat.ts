// Stat helpers shared by fd_* and path_*: host stats → preview1 filestat, and what stdio is.

import type { WasiContext } from './context.ts';
import type { FdEntry } from './fd-table.ts';
import type { HostStat } from './host-fs.ts';
import { Filetype } from './layouts.ts';
import type { Filestat } from './layouts.ts';
import { DETERMINISTIC_EPOCH_NS } from './sources.ts';

/** Per session: host inode → the number the guest sees in deterministic mode (1, 2, … as first seen). */
const stableInodes = new WeakMap<WasiContext, Map<bigint, bigint>>();

function stableInode(ctx: WasiContext, hostIno: bigint): bigint {
  let seen = stableInodes.get(ctx);
  if (!seen) stableInodes.set(ctx, (seen = new Map()));
  let ino = seen.get(hostIno);
  if (ino === undefined) seen.set(hostIno, (ino = BigInt(seen.size + 1)));
  return ino;
}

/** The inode the guest sees: the host's, or in deterministic mode its number by first sight. */
export function guestInode(ctx: WasiContext, hostIno: bigint): bigint {
  return ctx.config.deterministic ? stableInode(ctx, hostIno) : hostIno;
}

/**
 * dev is always 0 (as preview2, which has no device numbers, reported it); ino is the host's.
 * In deterministic mode no host fact that changes between checkouts reaches guest memory: the
 * times are the deterministic clock's epoch and inodes are numbered in the order first seen
 * (the same file keeps its number), so a run's bytes are the same on every machine.
 */
export function toFilestat(ctx: WasiContext, s: HostStat): Filestat {
  const fixed = ctx.config.deterministic;
  const time = (t: bigint): bigint => (fixed ? DETERMINISTIC_EPOCH_NS : t);
  return {
    dev: 0n, ino: guestInode(ctx, s.ino), filetype: s.filetype, nlink: s.nlink,
    size: s.size, atim: time(s.atim), mtim: time(s.mtim), ctim: time(s.ctim),
  };
}

/**
 * What stdio is: a terminal (CHARACTER_DEVICE) only with the `tty` option. Otherwise, as wazero
 * reports stdio that is not a terminal, a device that is not a character device (BLOCK_DEVICE):
 * every toolchain's isatty() then says no (wasi-libc and Rust check the filetype, Go and
 * TinyGo the stat mode's ModeCharDevice).
 */
export function stdioFiletype(ctx: WasiContext): number {
  return ctx.config.stdioTty ? Filetype.CHARACTER_DEVICE : Filetype.BLOCK_DEVICE;
}

function stdioFilestat(ctx: WasiContext): Filestat {
  return { dev: 0n, ino: 0n, filetype: stdioFiletype(ctx), nlink: 1n, size: 0n, atim: 0n, mtim: 0n, ctim: 0n };
}

export function fdFilestat(ctx: WasiContext, e: FdEntry): Filestat {
  if (e.kind !== 'dir' && e.kind !== 'file') return stdioFilestat(ctx);
  return toFilestat(ctx, e.desc.stat());
}
