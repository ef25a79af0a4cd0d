// Stat helpers shared by fd_* and path_*: shim stats → preview1 filestat, and `.` for preopens.

import type { WasiContext } from './context.ts';
import type { DirEntry, FdEntry } from './fd-table.ts';
import { Filetype, filetypeOf } from './layouts.ts';
import type { Filestat } from './layouts.ts';
import type { Datetime, Descriptor, DescriptorStat } from './shim.ts';

function ns(t: Datetime | undefined): bigint {
  return t ? t.seconds * 1_000_000_000n + BigInt(t.nanoseconds) : 0n;
}

/** preview2 has no device numbers; dev is 0 and ino is the shim's metadata hash (the host inode). */
export function toFilestat(s: DescriptorStat, ino: bigint): Filestat {
  return {
    dev: 0n, ino, filetype: filetypeOf(s.type), nlink: s.linkCount, size: s.size,
    atim: ns(s.dataAccessTimestamp), mtim: ns(s.dataModificationTimestamp),
    ctim: ns(s.statusChangeTimestamp),
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
  return toFilestat(d.stat(), d.metadataHash().lower);
}
