// Which file a setBreakpoints request is for: the launched sequence, or another file. VS Code
// sends every file's breakpoints to every session (a C file's, another .wseq's), one request per
// file; only the sequence's lines are steps, so the others are answered unverified, saying why.

import { readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { MAX_SEQUENCE_FILE_BYTES } from '../engine/index.ts';
import { sequenceLines, sequenceText } from '../shared/sequence-text.ts';
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

/**
 * Whether the sequence's line `line` (1-based) reads now, on disk, as it did at launch. The
 * session runs the text it launched; VS Code sends breakpoints on the edited file's lines after
 * a save, and a line the edit moved would stop at whichever step the launched text has there,
 * while the editor shows another. Unknown (the file gone, too big, not UTF-8) counts as the same.
 */
export function sameLineAsLaunched(program: string, launchedText: string | null): (line: number) => boolean {
  if (launchedText === null) return () => true;
  let now: string;
  try {
    if (statSync(program).size > MAX_SEQUENCE_FILE_BYTES) return () => true;
    const decoded = sequenceText(new Uint8Array(readFileSync(program)), program);
    if (!decoded.ok) return () => true;
    now = decoded.value;
  } catch {
    return () => true;
  }
  if (now === launchedText) return () => true;
  const [before, after] = [sequenceLines(launchedText), sequenceLines(now)];
  return (line) => (before[line - 1]?.trimEnd() ?? null) === (after[line - 1]?.trimEnd() ?? null);
}
