// Which host directories a sequence may open. A sequence from a host path (CLI argument, Open
// Recent, a bundled demo, a file picked in the desktop app's native dialog) is trusted like
// `memscope run`: its `dir` lines resolve beside it. Text from the page (a browser upload, an
// edit) has no host location: it may keep the `dir` lines of the trusted sequence it replaces
// but never add one, so a sequence received from someone cannot widen access by upload.
// Reload in `memscope serve`'s file-changed notice keeps the session's lines only for the module
// bytes the server itself read from disk for the notice (ReloadModules).

import { createHash } from 'node:crypto';
import { parseSequence, type Directive } from '../engine/index.ts';
import type { MemscopeError } from '../shared/dto.ts';

export interface Trust {
  /** Directory the trusted sequence came from; null for uploads (no directories granted). */
  baseDir: string | null;
  /** The `dir` lines of the trusted sequence, normalised. */
  dirs: string[];
}

/** The `dir` directives of a sequence text, each with its normalised key (host, guest, access). */
function dirDirectives(text: string): { key: string; d: Extract<Directive, { kind: 'dir' }> }[] {
  return parseSequence(text).sequence.directives.flatMap((d) =>
    d.kind === 'dir' ? [{ key: `${d.host}\0${d.guest}\0${d.writable ? 'rw' : 'ro'}`, d }] : [],
  );
}

export function dirLines(text: string): string[] {
  return dirDirectives(text).map(({ key }) => key);
}

export function trusted(baseDir: string, text: string | null): Trust {
  return { baseDir, dirs: text === null ? [] : dirLines(text) };
}

export const UNTRUSTED: Trust = { baseDir: null, dirs: [] };

/**
 * The refusal for page-supplied text (`file`: its name) that adds `dir` lines, or null when it
 * may run; it says where the first added line is, as a parse error would.
 */
export function checkEditedDirs(trust: Trust, text: string, file?: string): MemscopeError | null {
  const added = dirDirectives(text).find(({ key }) => !trust.dirs.includes(key));
  if (!added) return null;
  const { host, guest, line, span, source } = added.d;
  return {
    code: 'usage',
    message: trust.baseDir === null
      ? `\`dir "${host}" as "${guest}"\`: an uploaded sequence cannot grant host directories; open it by path instead (memscope serve --sequence FILE, or File › Open Sequence… in the desktop app)`
      : `\`dir "${host}" as "${guest}"\`: a sequence edited here cannot add host directories; add the line to the file and open it by path`,
    where: { ...(file ? { file } : {}), line, column: span.column, source, length: span.length },
  };
}

/**
 * Sequence files the native shell read from disk for the page (pickFile): when the same name and
 * text come back in openModule/setSequence, they are trusted with their directory.
 */
export class TrustedFiles {
  /** Each file's directory, by the hash of its name and text. */
  private readonly files = new RecentKeys<string>();

  private static key(name: string, text: string): string {
    return createHash('sha256').update(name).update('\0').update(text).digest('hex');
  }

  add(file: { name: string; text: string; baseDir: string }): void {
    this.files.add(TrustedFiles.key(file.name, file.text), file.baseDir);
  }

  lookup(file: { name: string; text: string }): Trust | null {
    const baseDir = this.files.get(TrustedFiles.key(file.name, file.text));
    return baseDir === undefined ? null : trusted(baseDir, file.text);
  }
}

/**
 * The SHA-256 of each module `memscope serve` read from disk for a file-changed notice (the
 * notice's own hash, FileChange.module.sha256). Reload sends those bytes back through openModule;
 * only they keep the open session's trust (keptTrust in index.ts). A page upload of other bytes
 * under the same file name is an upload.
 */
export class ReloadModules {
  private readonly hashes = new RecentKeys<true>();

  add(sha256: string): void {
    this.hashes.add(sha256, true);
  }

  has(bytes: Uint8Array): boolean {
    return this.hashes.get(createHash('sha256').update(bytes).digest('hex')) !== undefined;
  }
}

/**
 * The last MAX keys added, each with its value: a key added again is the newest, and past MAX
 * the oldest is forgotten, so what a long session trusts stays bounded.
 */
class RecentKeys<V> {
  private static readonly MAX = 32;
  private readonly entries = new Map<string, V>();

  add(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > RecentKeys.MAX) this.entries.delete(this.entries.keys().next().value!);
  }

  get(key: string): V | undefined {
    return this.entries.get(key);
  }
}
