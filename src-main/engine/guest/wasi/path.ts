// preview1 path_* other than path_open: stat, mkdir, rmdir, unlink, rename, links.

import { u32, wasiFn } from './context.ts';
import type { CallNote, WasiArg, WasiContext, WasiFunction } from './context.ts';
import { Errno } from './errno.ts';
import type { DirEntry } from './fd-table.ts';
import { toFilestat } from './fd-stat.ts';
import { LOOKUP_SYMLINK_FOLLOW, writeFilestat } from './layouts.ts';
import { checkPath, dirFor, FD_PATH_ARGS, readPath, requireWritable } from './path-resolve.ts';

const encoder = new TextEncoder();
/** A rename or link reads as `"old" → "new"` in the call log (arg-decoder.ts). */
const OLD_TO_NEW = '{old_path:path} → {new_path:path}';

/** A change to one entry of a writable directory, on args (fd, path, path_len); the final link is not followed. */
function dirChange(name: string, change: (dir: DirEntry, rel: string) => void): WasiFunction {
  return wasiFn(name, ['fd', 'path', 'path_len'], (ctx, note, a) => {
    const fd = u32(a[0]);
    const path = readPath(ctx, note, a[1], a[2]);
    note.detail.fd = fd;
    const dir = dirFor(ctx, fd);
    requireWritable(dir);
    change(dir, checkPath(dir, path, false));
    return Errno.SUCCESS;
  }, { show: FD_PATH_ARGS });
}

interface PathPair {
  oldPath: string;
  newPath: string;
  from: DirEntry;
  to: DirEntry;
}

/**
 * The two ends of a rename or hard link, given the arg positions of each end's fd and path
 * pointer (the length follows the pointer). Both directories must be writable: a hard link
 * into a writable root would otherwise make a read-only file writable.
 */
function pathPair(ctx: WasiContext, note: CallNote, a: WasiArg[], oldFdArg: number, oldPathArg: number, newFdArg: number, newPathArg: number): PathPair {
  const oldPath = readPath(ctx, note, a[oldPathArg], a[oldPathArg + 1], 'oldPath');
  const newPath = readPath(ctx, note, a[newPathArg], a[newPathArg + 1], 'newPath');
  const from = dirFor(ctx, u32(a[oldFdArg]));
  const to = dirFor(ctx, u32(a[newFdArg]));
  requireWritable(from);
  requireWritable(to);
  return { oldPath, newPath, from, to };
}

export const pathFunctions = [
  dirChange('path_create_directory', (dir, rel) => dir.desc.createDirectoryAt(rel)),
  wasiFn('path_filestat_get', ['fd', 'flags', 'path', 'path_len', 'buf'], (ctx, note, a) => {
    const fd = u32(a[0]);
    const follow = (u32(a[1]) & LOOKUP_SYMLINK_FOLLOW) !== 0;
    const path = readPath(ctx, note, a[2], a[3]);
    note.detail.fd = fd;
    const buf = u32(a[4]);
    ctx.mem.validate(buf, 64);
    const dir = dirFor(ctx, fd);
    const rel = checkPath(dir, path, follow);
    const stat = dir.desc.statAt({ symlinkFollow: follow }, rel);
    const ino = dir.desc.metadataHashAt({ symlinkFollow: follow }, rel).lower;
    const st = toFilestat(ctx, stat, ino);
    writeFilestat(ctx.mem, buf, st);
    return Errno.SUCCESS;
  }, { show: FD_PATH_ARGS, then: '{buf:filestat}' }),
  wasiFn('path_filestat_set_times', ['fd', 'flags', 'path', 'path_len', 'atim', 'mtim', 'fst_flags'], () => Errno.NOTSUP),
  wasiFn('path_link', ['old_fd', 'old_flags', 'old_path', 'old_path_len', 'new_fd', 'new_path', 'new_path_len'], (ctx, note, a) => {
    const { oldPath, newPath, from, to } = pathPair(ctx, note, a, 0, 2, 4, 5);
    const follow = (u32(a[1]) & LOOKUP_SYMLINK_FOLLOW) !== 0;
    from.desc.linkAt({ symlinkFollow: follow }, checkPath(from, oldPath, follow), to.desc, checkPath(to, newPath, false));
    return Errno.SUCCESS;
  }, { show: OLD_TO_NEW }),
  wasiFn('path_readlink', ['fd', 'path', 'path_len', 'buf', 'buf_len', 'bufused'], (ctx, note, a) => {
    const fd = u32(a[0]);
    const path = readPath(ctx, note, a[1], a[2]);
    note.detail.fd = fd;
    const buf = u32(a[3]);
    const bufLen = u32(a[4]);
    ctx.mem.validate(buf, bufLen);
    ctx.mem.validate(u32(a[5]), 4);
    const dir = dirFor(ctx, fd);
    const target = encoder.encode(dir.desc.readlinkAt(checkPath(dir, path, false)));
    const part = target.subarray(0, Math.min(bufLen, target.length));
    ctx.mem.write(buf, part);
    ctx.mem.setU32(u32(a[5]), part.length);
    return Errno.SUCCESS;
  }, { show: FD_PATH_ARGS, then: '{bufused:bytesat}' }),
  dirChange('path_remove_directory', (dir, rel) => dir.desc.removeDirectoryAt(rel)),
  wasiFn('path_rename', ['fd', 'old_path', 'old_path_len', 'new_fd', 'new_path', 'new_path_len'], (ctx, note, a) => {
    const { oldPath, newPath, from, to } = pathPair(ctx, note, a, 0, 1, 3, 4);
    from.desc.renameAt(checkPath(from, oldPath, false), to.desc, checkPath(to, newPath, false));
    return Errno.SUCCESS;
  }, { show: OLD_TO_NEW }),
  wasiFn('path_symlink', ['old_path', 'old_path_len', 'fd', 'new_path', 'new_path_len'], (ctx, note, a) => {
    const target = readPath(ctx, note, a[0], a[1], 'target');
    const path = readPath(ctx, note, a[3], a[4]);
    const dir = dirFor(ctx, u32(a[2]));
    requireWritable(dir);
    // The target is stored, not resolved; the shim refuses absolute targets and every later
    // lookup through the link is checked again.
    dir.desc.symlinkAt(target, checkPath(dir, path, false));
    return Errno.SUCCESS;
  }, { show: '{new_path:path} → {old_path:path}' }),
  dirChange('path_unlink_file', (dir, rel) => dir.desc.unlinkFileAt(rel)),
];
