// Which file a change `memscope serve` saw on disk is of: one key for the server (a later change
// of the same file supersedes one not yet sent) and the page (a dismissed notice stays away).

import type { FileChange } from './contract.ts';

/** The file a change is of: its kind and path. */
export function fileChangeKey(change: FileChange): string {
  return `${change.kind}\0${change.path}`;
}
