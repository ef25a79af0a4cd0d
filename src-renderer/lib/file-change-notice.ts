// Which of `memscope serve`'s file changes (FileChange) the page's notice shows, and whether
// taking one would replace edits made in the editor: pure, for FileChanged.svelte.

import type { FileChange, SessionView } from '../../src-main/shared/contract.ts';
import { lastPathPart } from '../../src-main/shared/path-name.ts';

/** What the page has open, as the notice compares it. */
export interface OpenNow {
  view: SessionView | null;
  /** The editor's text (the session's sequence with any edit not yet applied). */
  text: string;
}

/** The editor holds text that is in no version of the file memscope serve saw: loading it replaces those edits. */
export function hasOwnEdits(c: FileChange, text: string): boolean {
  return !!c.sequence && text !== c.sequence.text && !c.sequence.earlier.includes(text);
}

/**
 * Whether the notice shows a change: it is about what the page has open (its module or sequence,
 * by name) and the page does not already run or show the file as it is now. Compared with what
 * is open now, so the notice goes once Reload or Load from disk took the file (or another tab
 * did), and never speaks of a file the user has since replaced.
 */
export function noticeShows(c: FileChange, open: OpenNow): boolean {
  const v = open.view;
  // Back as opened (no module, sequence or problem): nothing to take.
  if (!v || v.image || (!c.module && !c.sequence && !c.problem)) return false;
  if (c.kind === 'module') return v.moduleName === lastPathPart(c.path) && c.module?.sha256 !== v.moduleSha256;
  return v.sequence?.name === lastPathPart(c.path) && c.sequence?.text !== open.text;
}
