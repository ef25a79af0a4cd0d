// Where a guest frame's source file is on this machine. DWARF names it as the compiler saw it:
// under the directory it was compiled in (`/home/ci/build/src/list.c`, rustc's std under
// `/usr/src/rustc-1.63.0`), or relative when the build gave no such directory.

import { existsSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';

/**
 * A relative name is the module's directory's. For an absolute one, a file of its name beside the
 * module comes first (a module shipped with its sources, or built in another checkout or on
 * another machine, where the absolute path may name a stale copy or nothing); else the path as
 * DWARF gives it, which the editor opens or says is missing.
 */
export function sourcePath(moduleDir: string, file: string): string {
  if (!isAbsolute(file)) return resolve(moduleDir, file);
  const beside = join(moduleDir, basename(file));
  return existsSync(beside) ? beside : file;
}
