// Path checks for path_*: a guest path may never leave its preopen, and read-only roots stay read-only.
//
// Two layers, both ours: a lexical check (`..` above the fd's directory is PERM, as in Wasmtime)
// and a host check that resolves symlinks with realpath and requires the
// result to stay inside the preopen's real root. The shim does its own checks as a third layer.

import { existsSync, realpathSync } from 'node:fs';
import { dirname, join, relative, isAbsolute } from 'node:path';
import type { CallNote, WasiArg, WasiContext } from './context.ts';
import { u32 } from './context.ts';
import { Errno, WasiError } from './errno.ts';
import type { DirEntry, Root } from './fd-table.ts';
import { lookup } from './fd-io.ts';

const realRoots = new WeakMap<Root, string>();

/** The directory fd a path is relative to: BADF when closed, NOTDIR when not a directory. */
export function dirFor(ctx: WasiContext, fd: number): DirEntry {
  const e = lookup(ctx, fd);
  if (e.kind !== 'dir') throw new WasiError(e.kind === 'file' ? Errno.NOTDIR : Errno.BADF);
  return e;
}

/** Reads a guest path argument and notes it for the record. */
export function readPath(ctx: WasiContext, note: CallNote, ptrArg: WasiArg, lenArg: WasiArg, key = 'path'): string {
  const path = ctx.mem.readUtf8(u32(ptrArg), u32(lenArg));
  note.detail[key] = path;
  return path;
}

/** How a path call's arguments read in the call log (arg-decoder.ts): `fd=3, "a.txt"`. */
export const FD_PATH_ARGS = 'fd={fd}, {path:path}';

export function requireWritable(dir: DirEntry): void {
  if (!dir.root.writable) throw new WasiError(Errno.PERM, `${dir.root.guestPath} is read-only`);
}

/**
 * An absolute path made relative to the preopen it names: Zig's std (no libc) passes `/test.txt`
 * to path_open on the fd of a preopen at `/`, where wasi-libc would have passed `test.txt`.
 * Accepted only on the preopen's own fd and only under its guest path (`/data/a.txt` on the
 * `/data` preopen is `a.txt`); anything else stays PERM. `..` is checked afterwards as usual.
 */
function underPreopen(dir: DirEntry, path: string): string {
  if (!dir.preopen) throw new WasiError(Errno.PERM, 'absolute paths resolve only against a preopened directory');
  const guest = dir.root.guestPath.replace(/\/+$/, '');
  if (path === guest) return '.';
  if (!path.startsWith(`${guest}/`)) throw new WasiError(Errno.PERM, `absolute path outside the preopen ${dir.root.guestPath}`);
  return path.slice(guest.length + 1);
}

/** Lexically normalized relative path ('' for the directory itself). */
function normalize(dir: DirEntry, path: string): string {
  if (path.length === 0) throw new WasiError(Errno.NOENT);
  if (path.includes('\0')) throw new WasiError(Errno.ILSEQ);
  if (path.startsWith('/')) path = underPreopen(dir, path);
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.pop() === undefined) throw new WasiError(Errno.PERM, 'path leaves the preopened directory');
    } else {
      out.push(seg);
    }
  }
  return out.join('/');
}

function inside(root: string, p: string): boolean {
  const rel = relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** realpath of p, or of its deepest existing ancestor when p does not exist yet. */
function realpathExisting(p: string): string {
  let cur = p;
  while (!existsSync(cur)) {
    const up = dirname(cur);
    if (up === cur) return cur;
    cur = up;
  }
  return realpathSync(cur);
}

/**
 * Checks `path` under `dir` and returns the path to hand to the shim. `followFinal`: the last
 * component is followed if it is a symlink (path_open/filestat with LOOKUP_SYMLINK_FOLLOW).
 */
export function checkPath(dir: DirEntry, path: string, followFinal: boolean): string {
  const rel = normalize(dir, path);
  let root = realRoots.get(dir.root);
  if (root === undefined) {
    root = realpathSync(dir.root.hostPath);
    realRoots.set(dir.root, root);
  }
  const target = join(dir.hostPath, rel);
  const parent = rel === '' ? target : dirname(target);
  if (!inside(root, realpathExisting(parent))) throw new WasiError(Errno.PERM, 'path leaves the preopened directory');
  if (followFinal && rel !== '' && existsSync(target) && !inside(root, realpathSync(target))) {
    throw new WasiError(Errno.PERM, 'symlink leads out of the preopened directory');
  }
  // A trailing slash means "must be a directory"; the shim checks that when it sees one.
  return rel === '' ? '.' : path.endsWith('/') ? `${rel}/` : rel;
}
