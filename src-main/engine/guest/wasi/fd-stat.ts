// Stat helpers shared by fd_* and path_*: shim stats → preview1 filestat, and `.` for preopens.

import type { WasiContext } from './context.ts';
import type { DirEntry, FdEntry } from './fd-table.ts';
import { Filetype, filetypeOf } from './layouts.ts';
import type { Filestat } from './layouts.ts';
import type { Datetime, Descriptor, DescriptorStat } from './shim.ts';
import { DETERMINISTIC_EPOCH_NS } from './sources.ts';

function ns(t: Datetime | undefined): bigint {
  return t ? t.seconds * 1_000_000_000n + BigInt(t.nanoseconds) : 0n;
}

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
 * preview2 has no device numbers; dev is 0 and ino is the shim's metadata hash (the host inode).
 * In deterministic mode no host fact that changes between checkouts reaches guest memory: the
 * times are the deterministic clock's epoch and inodes are numbered in the order first seen
 * (the same file keeps its number), so a run's bytes are the same on every machine.
 */
export function toFilestat(ctx: WasiContext, s: DescriptorStat, hostIno: bigint): Filestat {
  const fixed = ctx.config.deterministic;
  const time = (t: Datetime | undefined): bigint => (fixed ? DETERMINISTIC_EPOCH_NS : ns(t));
  return {
    dev: 0n, ino: guestInode(ctx, hostIno), filetype: filetypeOf(s.type), nlink: s.linkCount,
    size: s.size, atim: time(s.dataAccessTimestamp), mtim: time(s.dataModificationTimestamp),
    ctim: time(s.statusChangeTimestamp),
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

/**
 * A descriptor that can be listed and stat'ed for a directory fd. The shim's preopen
 * descriptors refuse both, so for preopens we open `.` once and keep it.
 */
export function selfDescriptor(e: DirEntry): Descriptor {
  if (!e.preopen) return e.desc;
  e.self ??= e.desc.openAt({ symlinkFollow: false }, '.', { directory: true }, { read: true });
  return e.self;
}

export function fdFilestat(ctx: WasiContext, e: FdEntry): Filestat {
  if (e.kind !== 'dir' && e.kind !== 'file') return stdioFilestat(ctx);
  const d = e.kind === 'dir' ? selfDescriptor(e) : e.desc;
  return toFilestat(ctx, d.stat(), d.metadataHash().lower);
}
