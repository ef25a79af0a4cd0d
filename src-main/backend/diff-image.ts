// A memory image file (a saved snapshot, a coredump, a .bin) diffed against the session's memory
// now or after a step: loaded by the same reader that opens images, compared by the same engine
// as `memscope snapshot --diff`, so the UI and the CLI list the same ranges.

import { MAX_DIFF_RANGES, type FileData, type ImageDiff } from '../shared/contract.ts';
import type { Result } from '../shared/dto.ts';
import { diffCaveats, dumpedModuleCaveat } from '../shared/diff-caveats.ts';
import { diffSnapshots, openMemoryImage } from '../engine/index.ts';
import type { Current } from './session-host.ts';

export async function diffAgainst(c: Current, file: FileData, step: number | undefined): Promise<Result<ImageDiff>> {
  const other = openMemoryImage(file);
  if (!other.ok) return other;
  const mine = await c.session.imageAt(step);
  if (!mine.ok) return mine;
  const theirs = other.value.image;
  // diffSnapshots throws on this (an 'internal' error that said nothing of the file); Memscope
  // writes one block size, a foreign .msnap may not. The CLI refuses it in the same words.
  if (theirs.blockSize !== mine.value.blockSize) {
    return { ok: false, error: { code: 'usage', message: `cannot diff ${file.name} (${theirs.blockSize}-byte blocks) against memory (${mine.value.blockSize}-byte blocks)`, where: { file: file.name } } };
  }
  const ranges = diffSnapshots(theirs, mine.value);
  const changedBytes = ranges.reduce((n, [a, b]) => n + b - a, 0);
  const mineName = step === undefined ? 'live memory' : `memory after step ${step + 1}`;
  // In `memscope snapshot --diff`'s words: sizes or modules that differ.
  const mineSide = { name: mineName, size: mine.value.size, moduleName: c.session.moduleName, moduleSha256: c.session.moduleSha256 };
  const warnings = diffCaveats({ name: file.name, size: theirs.size, moduleName: other.value.moduleName, moduleSha256: other.value.moduleSha256 }, mineSide);
  // A coredump records no hash; the names it records that are none of this module's say it
  // (when this module is known: a raw dump opened here goes by its file's name).
  const dumped = mineSide.moduleSha256 === '' ? null : other.value.dumpedOtherThan(c.session.moduleName, c.session.info.names);
  if (dumped) warnings.push(dumpedModuleCaveat(file.name, dumped, mineSide));
  const diff: ImageDiff = { against: file.name, ranges: ranges.slice(0, MAX_DIFF_RANGES), changedBytes, omitted: Math.max(0, ranges.length - MAX_DIFF_RANGES) };
  if (warnings.length > 0) diff.warnings = warnings;
  return { ok: true, value: diff };
}
