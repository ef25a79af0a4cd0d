// preview1 path_open: rights and oflags → a shim openAt, with read-only roots enforced here.

import { join } from 'node:path';
import { u32, u64, wasiFn } from './context.ts';
import { Errno } from './errno.ts';
import type { FdEntry } from './fd-table.ts';
import { Fdflags, LOOKUP_SYMLINK_FOLLOW, Oflags, Rights, WRITE_RIGHTS } from './layouts.ts';
import { checkPath, dirFor, FD_PATH_ARGS, readPath, requireWritable } from './path-resolve.ts';

export const pathOpenFunctions = [
  wasiFn('path_open', [
    'fd', 'dirflags', 'path', 'path_len', 'oflags', 'fs_rights_base', 'fs_rights_inheriting',
    'fdflags', 'opened_fd',
  ], (ctx, note, a) => {
    const fd = u32(a[0]);
    const follow = (u32(a[1]) & LOOKUP_SYMLINK_FOLLOW) !== 0;
    const path = readPath(ctx, note, a[2], a[3]);
    note.detail.fd = fd;
    const oflags = u32(a[4]) & 0xffff;
    const rights = Number(u64(a[5]) & BigInt(Rights.ALL));
    const fdflags = u32(a[7]) & 0xffff;
    const out = u32(a[8]);
    ctx.mem.validate(out, 4);
    note.detail.oflags = oflags;
    note.detail.fdflags = fdflags;
    // Write access as Wasmtime decides it: any write-ish right, or APPEND.
    const write = (rights & WRITE_RIGHTS) !== 0 || (fdflags & Fdflags.APPEND) !== 0;
    const read = (rights & (Rights.FD_READ | Rights.FD_READDIR)) !== 0 || !write;
    note.detail.mode = read && write ? 'read-write' : write ? 'write' : 'read';
    const dir = dirFor(ctx, fd);
    if (write || (oflags & (Oflags.CREAT | Oflags.TRUNC)) !== 0) requireWritable(dir);
    if ((fdflags & (Fdflags.DSYNC | Fdflags.RSYNC | Fdflags.SYNC)) !== 0) return Errno.NOTSUP;
    const rel = checkPath(dir, path, follow);
    const desc = dir.desc.openAt({ symlinkFollow: follow }, rel, {
      create: (oflags & Oflags.CREAT) !== 0,
      directory: (oflags & Oflags.DIRECTORY) !== 0,
      exclusive: (oflags & Oflags.EXCL) !== 0,
      truncate: (oflags & Oflags.TRUNC) !== 0,
    }, { read, write });
    let entry: FdEntry;
    try {
      entry = desc.getType() === 'directory'
        ? { kind: 'dir', desc, root: dir.root, hostPath: join(dir.hostPath, rel), preopen: false }
        : {
          kind: 'file', desc, root: dir.root, readable: read, writable: write,
          flags: fdflags & (Fdflags.APPEND | Fdflags.NONBLOCK), position: 0n,
        };
    } catch (e) {
      desc[Symbol.dispose]();
      throw e;
    }
    const opened = ctx.fds.add(entry);
    ctx.mem.setU32(out, opened);
    note.detail.opened = opened;
    return Errno.SUCCESS;
  }, { show: FD_PATH_ARGS, then: 'fd {opened}' }),
];
