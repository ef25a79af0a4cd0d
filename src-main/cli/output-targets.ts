// The files a command will write, checked against what it reads and against each other before
// anything runs (memscope run's outputs, export-host's program).

import { statSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { readFailureText } from '../engine/index.ts';

/** A file a command was asked to write: the option that named it and its path. */
export interface Target { option: string; path: string }

/**
 * Why the files a command was asked to write (run's --snapshot, --coredump and --output-dir,
 * export-host's --out) cannot be written, checked before anything runs; null when nothing is wrong. They used to be found out only after the whole run
 * (a missing directory, a directory given as FILE), and nothing stopped them from landing on the
 * run's own inputs: `--snapshot seq.wseq` replaced the sequence with the snapshot, and the same
 * FILE for --snapshot and --coredump kept only the coredump. `inputs` are the files read
 * (sequence, module, glue), named by what they are.
 */
export function targetProblem(targets: Target[], outputDir: string | undefined, inputs: Record<string, string>): string | null {
  const all = [...targets];
  if (outputDir !== undefined) {
    const st = statOrNull(outputDir);
    if (st && !st.isDirectory()) return `--output-dir ${outputDir}: not a directory`;
    for (const name of ['stdout', 'stderr']) all.push({ option: '--output-dir', path: join(outputDir, name) });
  }
  const seen: Target[] = [];
  // Many tools read "-" as standard output; these wrote a file (or directory) by that name, in
  // silence (run's binary snapshot landed as ./-): said instead, with how to ask for it on purpose.
  const dash = [...targets, ...(outputDir === undefined ? [] : [{ option: '--output-dir', path: outputDir }])].find((t) => t.path === '-');
  if (dash) return `${dash.option} -: that would write a file named "-", not standard output; name a file (./- for that one)`;
  for (const target of all) {
    const st = statOrNull(target.path);
    for (const [what, input] of Object.entries(inputs)) {
      if (sameFile(target.path, st, input)) return `${target.option} ${target.path} is the ${what}; it would be overwritten`;
    }
    // A device or pipe (/dev/null for both) is written to, not replaced: no file is lost.
    const twin = st && !st.isFile() ? undefined : seen.find((t) => sameFile(target.path, st, t.path));
    if (twin) return `${twin.option} ${twin.path} and ${target.option} ${target.path} name the same file; one would replace the other`;
    seen.push(target);
    // --output-dir creates its directory; a FILE's directory must be there.
    if (target.option === '--output-dir') continue;
    if (st?.isDirectory()) return `${target.option} ${target.path}: is a directory`;
    const parent = dirname(resolve(target.path));
    // --output-dir's directory is made before anything is written: FILE may go in it.
    if (!st && !(outputDir !== undefined && parent === resolve(outputDir))) {
      let dir: Stats | null;
      try {
        dir = statSync(parent);
      } catch (e) {
        return `${target.option} ${target.path}: cannot write in ${parent}: ${readFailureText(e)}`;
      }
      if (!dir.isDirectory()) return `${target.option} ${target.path}: ${parent} is not a directory`;
    }
  }
  return null;
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** By path, and by device and inode when both exist (a link, `./x` beside `x`). */
function sameFile(path: string, st: Stats | null, other: string): boolean {
  if (resolve(path) === resolve(other)) return true;
  const o = st ? statOrNull(other) : null;
  return !!(st && o && st.isFile() && st.dev === o.dev && st.ino === o.ino);
}
