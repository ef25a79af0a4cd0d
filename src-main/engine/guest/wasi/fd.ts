// preview1 fd_* housekeeping: close, renumber, fdstat, filestat, prestat, sync, advise.

import { u32, u64, wasiFn } from './context.ts';
import type { WasiContext } from './context.ts';
import { Errno, WasiError } from './errno.ts';
import { fdFilestat, stdioFiletype } from './fd-stat.ts';
import { releaseEntry } from './fd-table.ts';
import type { FdEntry } from './fd-table.ts';
import { lookup } from './fd-io.ts';
import { Fdflags, Filetype, filetypeOf, Rights, WRITE_RIGHTS, writeFdstat, writeFilestat } from './layouts.ts';

const encoder = new TextEncoder();

/**
 * Files report what they can do; directories report everything (path_open enforces the rest).
 * stdio never has seek/tell rights; its filetype says whether it is a terminal (stdioFiletype):
 * wasi-libc's isatty() wants a character device, and only then line-buffers stdout.
 */
function fdstatOf(ctx: WasiContext, e: FdEntry): [filetype: number, flags: number, base: number, inheriting: number] {
  switch (e.kind) {
    case 'stdin': return [stdioFiletype(ctx), 0, Rights.FD_READ | Rights.POLL_FD_READWRITE, 0];
    case 'stdout':
    case 'stderr': return [stdioFiletype(ctx), 0, Rights.FD_WRITE | Rights.POLL_FD_READWRITE, 0];
    case 'dir': return [Filetype.DIRECTORY, 0, Rights.ALL, Rights.ALL];
    case 'file': {
      let base: number = Rights.ALL;
      if (!e.readable) base &= ~(Rights.FD_READ | Rights.FD_READDIR);
      if (!e.writable) base &= ~WRITE_RIGHTS;
      return [filetypeOf(e.desc.getType()), e.flags, base, 0];
    }
  }
}

function fileOnly(e: FdEntry): Extract<FdEntry, { kind: 'file' }> {
  if (e.kind !== 'file') throw new WasiError(Errno.BADF);
  return e;
}

export const fdFunctions = [
  wasiFn('fd_advise', ['fd', 'offset', 'len', 'advice'], (ctx, _note, a) => {
    fileOnly(lookup(ctx, u32(a[0])));
    return Errno.SUCCESS; // advice only; nothing to do
  }),
  wasiFn('fd_allocate', ['fd', 'offset', 'len'], () => Errno.NOTSUP),
  wasiFn('fd_close', ['fd'], (ctx, _note, a) => {
    const fd = u32(a[0]);
    releaseEntry(lookup(ctx, fd));
    ctx.fds.remove(fd);
    return Errno.SUCCESS;
  }),
  wasiFn('fd_datasync', ['fd'], (ctx, _note, a) => {
    const e = lookup(ctx, u32(a[0]));
    if (e.kind === 'file') e.desc.syncData();
    return e.kind === 'file' || e.kind === 'dir' ? Errno.SUCCESS : Errno.INVAL;
  }),
  wasiFn('fd_fdstat_get', ['fd', 'stat'], (ctx, note, a) => {
    const e = lookup(ctx, u32(a[0]));
    const [filetype, flags, base, inheriting] = fdstatOf(ctx, e);
    writeFdstat(ctx.mem, u32(a[1]), filetype, flags, base, inheriting);
    note.facts.kind = e.kind;
    note.detail.filetype = filetype;
    return Errno.SUCCESS;
  }, { then: '{kind}, filetype {filetype}' }),
  wasiFn('fd_fdstat_set_flags', ['fd', 'flags'], (ctx, note, a) => {
    const e = lookup(ctx, u32(a[0]));
    const flags = u32(a[1]) & 0xffff;
    note.detail.flags = flags;
    // APPEND and NONBLOCK only; the sync flags would need the shim to reopen the file.
    if ((flags & ~(Fdflags.APPEND | Fdflags.NONBLOCK)) !== 0) return Errno.NOTSUP;
    if (e.kind === 'file') e.flags = flags;
    return Errno.SUCCESS;
  }),
  wasiFn('fd_fdstat_set_rights', ['fd', 'fs_rights_base', 'fs_rights_inheriting'], () => Errno.NOTSUP),
  wasiFn('fd_filestat_get', ['fd', 'buf'], (ctx, note, a) => {
    const e = lookup(ctx, u32(a[0]));
    const buf = u32(a[1]);
    ctx.mem.validate(buf, 64);
    const st = fdFilestat(ctx, e);
    writeFilestat(ctx.mem, buf, st);
    note.detail.size = st.size.toString();
    return Errno.SUCCESS;
  }, { then: '{buf:filestat}' }),
  wasiFn('fd_filestat_set_size', ['fd', 'size'], (ctx, note, a) => {
    const e = fileOnly(lookup(ctx, u32(a[0])));
    if (!e.writable) return Errno.BADF;
    const size = u64(a[1]);
    note.detail.size = size.toString();
    e.desc.setSize(size);
    return Errno.SUCCESS;
  }),
  wasiFn('fd_filestat_set_times', ['fd', 'atim', 'mtim', 'fst_flags'], () => Errno.NOTSUP),
  wasiFn('fd_prestat_dir_name', ['fd', 'path', 'path_len'], (ctx, note, a) => {
    const e = lookup(ctx, u32(a[0]));
    if (e.kind !== 'dir' || !e.preopen) return Errno.BADF;
    const name = encoder.encode(e.root.guestPath);
    if (u32(a[2]) < name.length) return Errno.NAMETOOLONG;
    ctx.mem.write(u32(a[1]), name);
    // `path` is also the pointer parameter's name: the line reads the name as a fact.
    note.facts.name = e.root.guestPath;
    note.detail.path = e.root.guestPath;
    return Errno.SUCCESS;
  }, { then: '{name:json}' }),
  // prestat, 8 bytes: { tag u8 @0 (0 = dir), name_len u32 @4 }
  wasiFn('fd_prestat_get', ['fd', 'buf'], (ctx, note, a) => {
    const e = lookup(ctx, u32(a[0]));
    if (e.kind !== 'dir' || !e.preopen) return Errno.BADF;
    const buf = u32(a[1]);
    const len = encoder.encode(e.root.guestPath).length;
    ctx.mem.write(buf, new Uint8Array(8));
    ctx.mem.setU32(buf + 4, len);
    note.detail.path = e.root.guestPath;
    return Errno.SUCCESS;
  }, { then: 'dir {path:json}' }),
  wasiFn('fd_renumber', ['fd', 'to'], (ctx, _note, a) => {
    const from = u32(a[0]);
    const to = u32(a[1]);
    const e = lookup(ctx, from);
    const old = lookup(ctx, to);
    if (from === to) return Errno.SUCCESS;
    releaseEntry(old);
    ctx.fds.set(to, e);
    ctx.fds.remove(from);
    return Errno.SUCCESS;
  }),
  wasiFn('fd_sync', ['fd'], (ctx, _note, a) => {
    const e = lookup(ctx, u32(a[0]));
    if (e.kind === 'file') e.desc.sync();
    return e.kind === 'file' || e.kind === 'dir' ? Errno.SUCCESS : Errno.INVAL;
  }),
];
