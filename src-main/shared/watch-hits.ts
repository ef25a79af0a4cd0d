// A step's watch hits, grouped by the write that made them: one write over several watches (a
// struct's and one of its fields') is one stop, however many of them stop (WatchHit.sameWrite).

import type { WatchHit } from './dto.ts';

/** `hits` in groups, one per write, in order. */
export function hitsByWrite(hits: readonly WatchHit[]): WatchHit[][] {
  const groups: WatchHit[][] = [];
  for (const hit of hits) {
    if (hit.sameWrite && groups.length > 0) groups.at(-1)!.push(hit);
    else groups.push([hit]);
  }
  return groups;
}

/** Where the last write's hits start in `hits`: at a watch's stop, the stop's write (a hit per watch it wrote), always last. */
export function lastWriteStart(hits: readonly WatchHit[]): number {
  let first = Math.max(0, hits.length - 1);
  while (first > 0 && hits[first]!.sameWrite) first--;
  return first;
}
