// The host files and directories behind preview1's fds, on node:fs, called synchronously on the
// guest's own thread: one system call per guest request, no IO thread, no message round trip.
//
// Directories are host paths (Node has no openat); every path call resolves under its
// directory with resolveUnder (host-path.ts). Opened files and directories keep their host fd,
// so reads, writes and stats act on what was opened even if it is renamed meanwhile. Errors
// leave as WasiError (errno.ts's table), never with Node's message, which names host paths.

import {
  closeSync, constants, fdatasyncSync, fstatSync, fsyncSync, ftruncateSync, linkSync, lstatSync,
  mkdirSync, opendirSync, openSync, readlinkSync, readSync, renameSync, rmdirSync, statSync,
  symlinkSync, unlinkSync, writeSync,
} from 'node:fs';
import type { BigIntStats, Dirent, Stats } from 'node:fs';
import { join } from 'node:path';
import { Errno, rethrowFsError, WasiError } from './errno.ts';
import { resolveUnder } from './host-path.ts';
import { Filetype } from './layouts.ts';

/** What preview1's filestat needs from the host (dev is always 0: preview2 has no devices). */
export interface HostStat {
  filetype: number; ino: bigint; nlink: bigint; size: bigint; atim: bigint; mtim: bigint; ctim: bigint;
}

export interface DirListItem { name: string; filetype: number; ino: bigint }

/** A fifo or anything else preview1 has no filetype for is UNKNOWN. */
export function filetypeOf(s: Stats | BigIntStats | Dirent): number {
  if (s.isFile()) return Filetype.REGULAR_FILE;
  if (s.isSocket()) return Filetype.SOCKET_STREAM;
  if (s.isSymbolicLink()) return Filetype.SYMBOLIC_LINK;
  if (s.isDirectory()) return Filetype.DIRECTORY;
  if (s.isCharacterDevice()) return Filetype.CHARACTER_DEVICE;
  if (s.isBlockDevice()) return Filetype.BLOCK_DEVICE;
  return Filetype.UNKNOWN;
}

function hostStat(s: BigIntStats): HostStat {
  return {
    filetype: filetypeOf(s), ino: s.ino, nlink: s.nlink, size: s.size,
    atim: s.atimeNs, mtim: s.mtimeNs, ctim: s.ctimeNs,
  };
}

/** Runs one node:fs call, its failure turned into the errno. */
function fs<T>(call: () => T): T {
  try {
    return call();
  } catch (e) {
    return rethrowFsError(e);
  }
}

export interface OpenFlags { create?: boolean; directory?: boolean; exclusive?: boolean; truncate?: boolean }

export class HostFile {
  constructor(private readonly fd: number, readonly filetype: number) {}

  /** One read at `offset`: fewer bytes than asked is a partial read, none is the end. */
  read(length: number, offset: bigint): Uint8Array {
    const buf = new Uint8Array(length);
    const n = fs(() => readSync(this.fd, buf, 0, length, Number(offset)));
    return buf.subarray(0, n);
  }

  /** One write at `offset`; returns how many bytes the host took. */
  write(bytes: Uint8Array, offset: bigint): number {
    return fs(() => writeSync(this.fd, bytes, 0, bytes.length, Number(offset)));
  }

  stat(): HostStat {
    return hostStat(fs(() => fstatSync(this.fd, { bigint: true })));
  }

  setSize(size: bigint): void {
    fs(() => ftruncateSync(this.fd, Number(size)));
  }

  /** EPERM from fsync (a file system that cannot sync) is not the guest's failure. */
  sync(): void {
    try { fsyncSync(this.fd); } catch (e) { if ((e as NodeJS.ErrnoException).code !== 'EPERM') rethrowFsError(e); }
  }

  syncData(): void {
    try { fdatasyncSync(this.fd); } catch (e) { if ((e as NodeJS.ErrnoException).code !== 'EPERM') rethrowFsError(e); }
  }

  close(): void {
    closeSync(this.fd);
  }
}

export class HostDir {
  /** `fd` is null for a preopen (only its path is held). */
  constructor(readonly path: string, private readonly fd: number | null) {}

  /** The host path of `sub` under this directory (host-path.ts's rules). */
  private at(sub: string, followFinal: boolean): string {
    return resolveUnder(this.path, sub, followFinal);
  }

  stat(): HostStat {
    const fd = this.fd;
    return hostStat(fs(() => (fd === null ? statSync(this.path, { bigint: true }) : fstatSync(fd, { bigint: true }))));
  }

  statAt(follow: boolean, sub: string): HostStat {
    const p = this.at(sub, follow);
    return hostStat(fs(() => (follow ? statSync(p, { bigint: true }) : lstatSync(p, { bigint: true }))));
  }

  /**
   * Opens `sub` as open(2) would with these flags (O_NOFOLLOW unless following). A directory is
   * never opened for writing (ISDIR), and a trailing slash on anything else is NOTDIR.
   */
  openAt(follow: boolean, sub: string, how: OpenFlags, access: { read: boolean; write: boolean }): HostFile | HostDir {
    const p = this.at(sub, follow);
    let flags = access.write ? (access.read ? constants.O_RDWR : constants.O_WRONLY) : constants.O_RDONLY;
    if (how.create) flags |= constants.O_CREAT;
    if (how.directory) flags |= constants.O_DIRECTORY;
    if (how.exclusive) flags |= constants.O_EXCL;
    if (how.truncate) flags |= constants.O_TRUNC;
    if (!follow) flags |= constants.O_NOFOLLOW;
    const slash = p.endsWith('/');
    const plain = slash ? p.slice(0, -1) : p;
    const fd = fs(() => openSync(plain, flags));
    let filetype: number;
    try {
      filetype = filetypeOf(fs(() => fstatSync(fd)));
      if (filetype === Filetype.DIRECTORY && access.write) throw new WasiError(Errno.ISDIR);
      if (slash && filetype !== Filetype.DIRECTORY) throw new WasiError(Errno.NOTDIR);
    } catch (e) {
      closeSync(fd);
      throw e;
    }
    return filetype === Filetype.DIRECTORY ? new HostDir(plain, fd) : new HostFile(fd, filetype);
  }

  /** Every entry but `.` and `..`, in the host's order, each with its inode (0 when it vanished meanwhile). */
  list(): DirListItem[] {
    const dir = fs(() => opendirSync(this.path));
    const out: DirListItem[] = [];
    try {
      for (let ent = fs(() => dir.readSync()); ent; ent = fs(() => dir.readSync())) {
        let ino = 0n;
        try { ino = lstatSync(join(this.path, ent.name), { bigint: true }).ino; } catch { /* removed since listed */ }
        out.push({ name: ent.name, filetype: filetypeOf(ent), ino });
      }
    } finally {
      dir.closeSync();
    }
    return out;
  }

  createDirectoryAt(sub: string): void {
    const p = this.at(sub, false);
    fs(() => mkdirSync(p));
  }

  removeDirectoryAt(sub: string): void {
    const p = this.at(sub, false);
    fs(() => rmdirSync(p));
  }

  /** A trailing slash names a directory: ISDIR when it is one, NOTDIR otherwise (as unlinkat on Linux). */
  unlinkFileAt(sub: string): void {
    const p = this.at(sub, false);
    if (p.endsWith('/')) {
      let isDir = false;
      try { isDir = statSync(p).isDirectory(); } catch { /* missing: NOTDIR as well */ }
      throw new WasiError(isDir ? Errno.ISDIR : Errno.NOTDIR);
    }
    fs(() => unlinkSync(p));
  }

  renameAt(oldSub: string, to: HostDir, newSub: string): void {
    const from = this.at(oldSub, false);
    const dest = to.at(newSub, false);
    fs(() => renameSync(from, dest));
  }

  linkAt(follow: boolean, oldSub: string, to: HostDir, newSub: string): void {
    const from = this.at(oldSub, follow);
    const dest = to.at(newSub, false);
    fs(() => linkSync(from, dest));
  }

  /**
   * Stores `target` as given. An absolute target is PERM: it would name a host path. A trailing
   * slash on an existing non-directory is NOTDIR, not EXIST.
   */
  symlinkAt(target: string, sub: string): void {
    const p = this.at(sub, false);
    if (target.startsWith('/')) throw new WasiError(Errno.PERM);
    try {
      symlinkSync(target, p);
    } catch (e) {
      if (p.endsWith('/') && (e as NodeJS.ErrnoException).code === 'EEXIST') {
        let isDir = false;
        try { isDir = statSync(p).isDirectory(); } catch { /* dangling: NOTDIR */ }
        if (!isDir) throw new WasiError(Errno.NOTDIR);
      }
      rethrowFsError(e);
    }
  }

  readlinkAt(sub: string): string {
    const p = this.at(sub, false);
    return fs(() => readlinkSync(p));
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
  }
}
