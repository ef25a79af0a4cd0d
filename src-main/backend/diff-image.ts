// A memory image file (a saved snapshot, a coredump, a .bin) diffed against the session's memory
// now or after a step: loaded by the same reader that opens images, compared by the same engine
// as `memscope snapshot --diff`, so the UI and the CLI list the same ranges.

import { MAX_DIFF_RANGES, type FileData, type ImageDiff } from '../shared/contract.ts';
import type { Result } from '../shared/dto.ts';
import { diffSnapshots, openMemoryImage } from '../engine/index.ts';
import type { Current } from './session-host.ts';

export async function diffAgainst(c: Current, file: FileData, step: number | undefined): Promise<Result<ImageDiff>> {
  const other = openMemoryImage(file);
  if (!other.ok) return other;
  const mine = await c.session.imageAt(step);
  if (!mine.ok) return mine;
  const ranges = diffSnapshots(other.value.image, mine.value);
  const changedBytes = ranges.reduce((n, [a, b]) => n + b - a, 0);
  return {
    ok: true,
    value: { against: file.name, ranges: ranges.slice(0, MAX_DIFF_RANGES), changedBytes, omitted: Math.max(0, ranges.length - MAX_DIFF_RANGES) },
  };
}
