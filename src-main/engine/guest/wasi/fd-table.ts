// The preview1 descriptor table: fds 0-2 are our own stdio, then preopens, then opened files.

import type { Descriptor } from './shim.ts';

/** The preopened directory an fd was reached through; its rules bind everything under it. */
export interface Root {
  guestPath: string;
  hostPath: string;
  writable: boolean;
}

/** One `fd_readdir` listing, taken at cookie 0 and reused for later cookies (stable order). */
export interface DirListing {
  entries: { name: string; type: number; ino: bigint }[];
}

export type FdEntry =
  | { kind: 'stdin' }
  | { kind: 'stdout' }
  | { kind: 'stderr' }
  | {
    kind: 'dir';
    desc: Descriptor;
    root: Root;
    /** Host path of this directory as reached lexically (for our containment checks). */
    hostPath: string;
    /** Set on the preopen fds themselves (fd_prestat_get answers only for these). */
    preopen: boolean;
    /** A readable descriptor for `.`: preopen descriptors cannot be listed or stat'ed. */
    self?: Descriptor;
    listing?: DirListing;
  }
  | {
    kind: 'file';
    desc: Descriptor;
    root: Root;
    readable: boolean;
    writable: boolean;
    /** preview1 fdflags as last set (APPEND is honoured on every write). */
    flags: number;
    position: bigint;
  };

export type DirEntry = Extract<FdEntry, { kind: 'dir' }>;
export type FileEntry = Extract<FdEntry, { kind: 'file' }>;

export class FdTable {
  private readonly entries = new Map<number, FdEntry>();

  constructor(initial: FdEntry[]) {
    initial.forEach((e, i) => this.entries.set(i, e));
  }

  get(fd: number): FdEntry | undefined {
    return this.entries.get(fd);
  }

  /** The lowest free fd, like POSIX. */
  add(entry: FdEntry): number {
    let fd = 0;
    while (this.entries.has(fd)) fd++;
    this.entries.set(fd, entry);
    return fd;
  }

  set(fd: number, entry: FdEntry): void {
    this.entries.set(fd, entry);
  }

  remove(fd: number): FdEntry | undefined {
    const e = this.entries.get(fd);
    this.entries.delete(fd);
    return e;
  }

  all(): FdEntry[] {
    return [...this.entries.values()];
  }
}

/** Releases the shim resources an entry holds; errors on release are not the guest's business. */
export function releaseEntry(e: FdEntry): void {
  if (e.kind !== 'dir' && e.kind !== 'file') return;
  const release = (d: Descriptor | undefined): void => {
    try { d?.[Symbol.dispose](); } catch { /* already closed */ }
  };
  if (e.kind === 'dir') {
    release(e.self);
    e.self = undefined;
    if (!e.preopen) release(e.desc);
  } else {
    release(e.desc);
  }
}
