// Which file a change `memscope serve` saw on disk is of: the server's key, under which a later
// change of the same file supersedes one not yet sent, and the latest is kept for tabs to come.

import type { FileChange } from './contract.ts';

/** The file a change is of: its kind and path. */
export function fileChangeKey(change: FileChange): string {
  return `${change.kind}\0${change.path}`;
}
