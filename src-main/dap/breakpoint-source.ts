// Which file a setBreakpoints request is for: the launched sequence, or another file. VS Code
// sends every file's breakpoints to every session (a C file's, another .wseq's), one request per
// file; only the sequence's lines are steps, so the others are answered unverified, saying why.

import { realpathSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Args } from './args.ts';

/**
 * Null when `source` (a DAP Source, checked) is the sequence `program` (absolute) runs; else why
 * its breakpoints cannot be set here. A path is compared resolved (relative: against `cwd`, as
 * launch resolves "program"), then through symlinks; a source given by name only matches the
 * sequence's file name; a sourceReference is never one of ours (every Source this adapter sends
 * has a path and no reference).
 */
export function notTheProgram(source: Args, program: string, cwd: string): string | null {
  const reference = source.optionalInteger('sourceReference') ?? 0;
  const path = source.optionalString('path');
  const name = source.optionalString('name');
  const runs = `this session runs ${program}, and only its steps take breakpoints`;
  if (reference > 0) return `source reference ${reference}${name ? ` (${name})` : ''} is not a file this adapter knows: ${runs}`;
  if (path !== undefined && path !== '') return samePath(resolve(cwd, path), program) ? null : `${path} is not the sequence: ${runs}`;
  if (name !== undefined && name !== '') return name === basename(program) ? null : `${name} is not the sequence: ${runs}`;
  return source.refuse('source must have a "path" (or a "name", or a "sourceReference")');
}

function samePath(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    return realpathSync.native(a) === realpathSync.native(b);
  } catch {
    // One of them does not exist (now): not the same file.
    return false;
  }
}
