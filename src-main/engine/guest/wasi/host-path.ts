// The host path a directory-relative guest path names, walked one segment at a time so that no
// `..` and no symlink can lead out of the directory: the last of our three path checks.
//
// Node has no openat(), so descriptors are host paths and every path call re-resolves from its
// directory's real path. The rules (the ones preview2-shim applies on Node, kept so guests see
// the same answers):
//   - an absolute guest path is PERM; `.` and empty segments are dropped; `..` pops a segment
//     and is PERM at the directory itself;
//   - each existing segment is lstat'ed; a symlink is followed (except the final one when not
//     asked to, and no trailing slash forces it) by splicing its target in place: an absolute
//     target is PERM, a relative one is read from the symlink's directory and may not climb
//     above the base either; more than 40 links is LOOP;
//   - the first segment that does not exist ends the walk: the rest is appended as is (the
//     call that follows creates it or answers NOENT).
// A trailing slash survives ("must be a directory"; open and unlink check it).

import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { Errno, rethrowFsError, WasiError } from './errno.ts';


const MAX_SYMLINKS = 40;

/** Pushes `path`'s segments onto `out`, popping for `..`; PERM when `..` climbs above `out`'s start. */
function pushSegments(out: string[], path: string): string[] {
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg !== '..') out.push(seg);
    else if (out.pop() === undefined) throw new WasiError(Errno.PERM);
  }
  return out;
}

/** lstat that says "missing" with null and maps every other failure to its errno. */
function isSymlink(path: string): boolean | null {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return rethrowFsError(e);
  }
}

/**
 * The host path of `subpath` under the directory `base`. `followFinal`: whether a symlink in
 * the last segment is followed (LOOKUP_SYMLINK_FOLLOW).
 */
export function resolveUnder(base: string, subpath: string, followFinal: boolean): string {
  if (subpath.startsWith('/')) throw new WasiError(Errno.PERM);
  const trailingSlash = subpath.endsWith('/');
  let pending = pushSegments([], subpath);
  let root: string;
  try {
    root = realpathSync(base);
  } catch (e) {
    return rethrowFsError(e);
  }
  let current = root;
  let followed = 0;
  while (pending.length > 0) {
    const seg = pending.shift()!;
    const candidate = join(current, seg);
    const link = isSymlink(candidate);
    if (link === null) {
      const rest = join(candidate, ...pending);
      return trailingSlash ? `${rest}/` : rest;
    }
    if (!link || (pending.length === 0 && !followFinal && !trailingSlash)) {
      current = candidate;
      continue;
    }
    if (++followed > MAX_SYMLINKS) throw new WasiError(Errno.LOOP);
    let target: string;
    try {
      target = readlinkSync(candidate);
    } catch (e) {
      return rethrowFsError(e);
    }
    if (isAbsolute(target)) throw new WasiError(Errno.PERM);
    const here = relative(root, current);
    pending = [...pushSegments(here === '' ? [] : here.split(sep), target), ...pending];
    current = root;
  }
  return trailingSlash && current !== root ? `${current}/` : current;
}
