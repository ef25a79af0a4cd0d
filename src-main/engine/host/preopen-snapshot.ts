// The contents of the read-write preopened directories as the session opened them, so stepping
// back can put the files the guest wrote back as they were before the replay (which then writes
// them again, step by step). Read-only preopens cannot change and are not copied.

import { lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Preopen } from '../session-api.ts';

/** What one snapshot may hold; past it, stepping back refuses instead of guessing. */
const MAX_BYTES = 64 << 20;
const MAX_ENTRIES = 10_000;

interface Entry {
  /** Relative to the preopen's host path, '/'-separated. */
  path: string;
  kind: 'dir' | 'file';
  bytes?: Uint8Array;
  atimeMs: number;
  mtimeMs: number;
}

export class PreopenSnapshot {
  private constructor(private readonly roots: { hostPath: string; entries: Entry[] }[]) {}

  /** Copies every writable preopen; an error message when one is too large to copy. */
  static take(preopens: readonly Preopen[]): PreopenSnapshot | string {
    const roots: { hostPath: string; entries: Entry[] }[] = [];
    const budget = { bytes: 0, entries: 0 };
    for (const p of preopens) {
      if (!p.writable) continue;
      const entries: Entry[] = [];
      const problem = walk(p.hostPath, '', entries, budget);
      if (problem) return `cannot keep a copy of ${p.hostPath} for stepping back: ${problem}`;
      roots.push({ hostPath: p.hostPath, entries });
    }
    return new PreopenSnapshot(roots);
  }

  /** Puts every copied directory back exactly: files and folders added since are removed. */
  restore(): void {
    for (const root of this.roots) {
      const keep = new Set(root.entries.map((e) => e.path));
      removeExtra(root.hostPath, '', keep);
      for (const e of root.entries) {
        const full = join(root.hostPath, e.path);
        if (e.kind === 'dir') mkdirSync(full, { recursive: true });
        else writeFileSync(full, e.bytes!);
      }
      // Times last, deepest first, so writing a child does not move its directory's mtime again.
      for (const e of [...root.entries].reverse()) utimesSync(join(root.hostPath, e.path), e.atimeMs / 1000, e.mtimeMs / 1000);
    }
  }
}

function walk(base: string, rel: string, out: Entry[], budget: { bytes: number; entries: number }): string | null {
  for (const name of readdirSync(join(base, rel)).sort()) {
    const path = rel ? `${rel}/${name}` : name;
    const st = lstatSync(join(base, path));
    if (++budget.entries > MAX_ENTRIES) return `more than ${MAX_ENTRIES} entries`;
    if (st.isDirectory()) {
      out.push({ path, kind: 'dir', atimeMs: st.atimeMs, mtimeMs: st.mtimeMs });
      const problem = walk(base, path, out, budget);
      if (problem) return problem;
    } else if (st.isFile()) {
      budget.bytes += st.size;
      if (budget.bytes > MAX_BYTES) return `more than ${MAX_BYTES >> 20} MiB of files`;
      out.push({ path, kind: 'file', bytes: readFileSync(join(base, path)), atimeMs: st.atimeMs, mtimeMs: st.mtimeMs });
    }
  }
  return null;
}

function removeExtra(base: string, rel: string, keep: Set<string>): void {
  for (const name of readdirSync(join(base, rel))) {
    const path = rel ? `${rel}/${name}` : name;
    const full = join(base, path);
    if (!keep.has(path)) rmSync(full, { recursive: true, force: true });
    else if (lstatSync(full).isDirectory()) removeExtra(base, path, keep);
  }
}
