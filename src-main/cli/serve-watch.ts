// What `memscope serve` tells the page (the `fileChanged` event) and stderr when a file it opened
// at start changes on disk, goes away, or can no longer be looked at.

import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { formatSourceError, inspectBytes, readFailureText } from '../engine/index.ts';
import { readModuleFile, readSequenceFile } from '../backend/open-files.ts';
import type { FileChange } from '../shared/contract.ts';
import { whereSuffix } from './error-where.ts';

/** How often the opened files are looked at for a change on disk (a stat each, no reading). */
const FILE_POLL_MS = 500;
/** How many texts a sequence had on disk a change carries (FileChange.sequence.earlier): the opened one and the latest. */
const EARLIER_TEXTS = 16;

export interface OpenedFile {
  path: string;
  /** As the command line gave it (or the sequence's module line found it): how stderr and the page name it. */
  shown: string;
  kind: 'module' | 'sequence';
  /** A sequence's text as the page was given it: an editor holding other text has edits of its own. */
  text?: string;
  /** A module's SHA-256 (hex) as the page was given it. */
  sha256?: string;
}

/**
 * What tells a file's versions apart without reading it: `gone` when it is not there, or why it
 * cannot be looked at (a directory on its path made unreadable was "gone from disk", falsely).
 */
function fileStamp(path: string): string {
  try {
    const info = statSync(path);
    return `${info.ino}:${info.size}:${info.mtimeMs}`;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : `failed: ${readFailureText(error)}`;
  }
}

/** The file as it is now, for the page to take (FileChange), read as opening reads it (open-files.ts). */
async function readChange(f: OpenedFile, earlier: string[]): Promise<FileChange> {
  const base = { kind: f.kind, path: f.shown };
  try {
    if (f.kind === 'sequence') {
      const read = await readSequenceFile(f.path, f.shown);
      // In start-up's words (serve-command.ts: formatSourceError), its first line: `file:line:col: …`.
      // The notice is one line, so the source line and caret under it stay out; `line 2: …` alone
      // left the column to find the byte by.
      if (!read.ok) return { ...base, problem: `cannot be loaded: ${formatSourceError(read.error).split('\n')[0]}` };
      return { ...base, sequence: { name: read.value.name, text: read.value.text, earlier } };
    }
    const read = await readModuleFile(f.path);
    if (!read.ok) return { ...base, problem: `cannot be loaded: ${read.error.message}` };
    const { moduleBytes: bytes, moduleName: name, glue } = read.value;
    // A build writing the file in steps (truncate, then write) is seen between them when it
    // pauses: Reload of those bytes failed in the error bar. The notice says why instead, and the
    // whole module comes in the next change.
    const parsed = inspectBytes(bytes, { crossCheck: false });
    if (!parsed.ok) return { ...base, problem: `cannot be loaded: ${parsed.error.message}${whereSuffix(parsed.error.where)}` };
    return {
      ...base,
      module: {
        // A minified Emscripten module's names are in the glue beside it, as when it was opened.
        name, bytes, sha256: createHash('sha256').update(bytes).digest('hex'),
        ...(glue ? { glue: { name: basename(glue.file), bytes: new TextEncoder().encode(glue.text) } } : {}),
      },
    };
  } catch (error) {
    return { ...base, problem: fileStamp(f.path) === 'gone' ? 'cannot be loaded: it is gone from disk' : `cannot be read: ${readFailureText(error)}` };
  }
}

/** What a change holds, to tell whether the file's content is what it was: null for a problem. */
function contentOf(change: FileChange): string | null {
  return change.module?.sha256 ?? change.sequence?.text ?? null;
}

interface Watched extends OpenedFile {
  stamp: string;
  seen: string;
  /** What stderr said of the file (whatHappened): each new problem once, a change with content once. */
  said: Set<string>;
  /** The content (contentOf) last read, or given at start; null: not known. */
  content: string | null;
  /** The last change with content the page was sent (null: none, the page has the file as opened). */
  offered: FileChange | null;
  /** The last change sent told of a problem. */
  troubled: boolean;
  /** The texts the sequence had on disk, oldest first (FileChange.sequence.earlier). */
  texts: string[];
}

/** The texts the sequence had on disk up to now, oldest first: the opened one stays, then the latest. */
function textsSoFar(f: Watched): string[] {
  if (f.kind !== 'sequence' || f.content === null || f.texts.at(-1) === f.content) return f.texts;
  const texts = [...f.texts, f.content];
  if (texts.length > EARLIER_TEXTS) texts.splice(1, 1);
  return texts;
}

/**
 * What to send for a change read (null: nothing). The same content as last read (a `touch`, a
 * file renamed away and back, a directory unreadable for a while) is no change: the page heard
 * of it already, or has it as opened. After a problem, it is told again what it was offered
 * before, or, with nothing offered, that the file is back as opened (a change with no content
 * and no problem), so the problem's notice goes.
 */
function toSend(f: Watched, change: FileChange, earlier: string[]): FileChange | null {
  const content = contentOf(change);
  if (content === null) {
    f.troubled = true;
    return change;
  }
  if (content === f.content) {
    if (!f.troubled) return null;
    f.troubled = false;
    return f.offered ?? { kind: f.kind, path: f.shown };
  }
  f.texts = earlier;
  f.content = content;
  f.troubled = false;
  f.offered = change;
  return change;
}

/** What happened to the file, as stderr says it after its name; `now` is its fileStamp. */
function whatHappened(change: FileChange, now: string): string {
  if (now === 'gone') return 'is gone from disk';
  if (now.startsWith('failed: ')) return `cannot be looked at (${now.slice(8)})`;
  return change.problem ? `changed on disk but ${change.problem}` : 'changed on disk';
}

/**
 * The line stderr says of a change, or null: a file back as opened is no news (stderr said
 * nothing of it or said it already), nor is what stderr said of the file before. Once per file
 * hid a later, different problem (unreadable, then a parse error) and the change that mended it.
 */
function stderrLine(f: Watched, change: FileChange, now: string): string | null {
  if (!change.module && !change.sequence && !change.problem) return null;
  const what = whatHappened(change, now);
  if (f.said.has(what)) return null;
  f.said.add(what);
  const tail = !change.module && !change.sequence ? '' : f.kind === 'module' ? ' until Reload, in its notice, runs the new ones' : ' until Load from disk, in its notice, replaces it';
  return f.kind === 'module'
    ? `memscope serve: ${f.shown} ${what}; the page keeps running the bytes read at start (Reset too)${tail}`
    : `memscope serve: ${f.shown} ${what}; the page's editor keeps its text${tail}`;
}

/**
 * Looks for a change on disk of the files opened at start, and tells the page (`changed`, at
 * every change) and stderr (`say`, what it has not said of the file yet: stderrLine). The page
 * runs the copy read at start: after a rebuild, Reset ran the old bytes, and an edit made in
 * another editor never reached the page's editor, without a word. Polled, since an editor's save or a build's rename replaces the file
 * that fs.watch would follow; the first look is taken here, at once, so a change made as soon as
 * the URL is out is not the baseline. A change is read once the file has stayed the same for one
 * look, so a build still writing it is not caught half way.
 * Returns the function that stops looking.
 */
export function watchOpened(files: OpenedFile[], report: { say(line: string): void; changed(change: FileChange): void }, pollMs = FILE_POLL_MS): () => void {
  const watched: Watched[] = files.filter((f, i) => files.findIndex((g) => g.path === f.path) === i).map((f) => {
    const content = (f.kind === 'sequence' ? f.text : f.sha256) ?? null;
    return { ...f, stamp: fileStamp(f.path), seen: fileStamp(f.path), said: new Set(), content, offered: null, troubled: false, texts: [] };
  });
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const look = async (): Promise<void> => {
    for (const f of watched) {
      const now = fileStamp(f.path);
      const settled = now === f.seen;
      f.seen = now;
      if (now === f.stamp || !settled) continue;
      f.stamp = now;
      const earlier = textsSoFar(f);
      const change = toSend(f, await readChange(f, earlier), earlier);
      if (stopped) return;
      if (!change) continue;
      report.changed(change);
      const line = stderrLine(f, change, now);
      if (line) report.say(line);
    }
    if (!stopped) (timer = setTimeout(() => void look(), pollMs)).unref();
  };
  (timer = setTimeout(() => void look(), pollMs)).unref();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
