// Recently opened modules and demos, kept in localStorage. Small module files keep their bytes
// (base64) so a browser, which cannot reopen a path, can reopen them too.

import type { FileData } from '../../src-main/shared/contract.ts';
import { base64ToBytes, bytesToBase64 } from '../../src-main/shared/wire.ts';

export interface RecentEntry {
  kind: 'demo' | 'file';
  /** Demo id or file name. */
  id: string;
  title: string;
  when: number;
  bytes?: string;
  /** A minified module's Emscripten glue, opened with it (FileData.glue): its name and text as base64. */
  glue?: { name: string; bytes: string };
}

const KEY = 'memscope.recent';
const MAX_ENTRIES = 8;
const MAX_STORED_BYTES = 512 * 1024;

export function loadRecent(): RecentEntry[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((e): e is RecentEntry =>
      !!e && typeof e === 'object' && (e.kind === 'demo' || e.kind === 'file') && typeof e.id === 'string');
  } catch {
    return [];
  }
}

export function rememberRecent(entry: Omit<RecentEntry, 'when' | 'bytes' | 'glue'>, file?: FileData): RecentEntry[] {
  const kept = file && file.bytes.length + (file.glue?.bytes.length ?? 0) <= MAX_STORED_BYTES;
  const bytes = kept ? bytesToBase64(file.bytes) : undefined;
  const glue = kept && file.glue ? { name: file.glue.name, bytes: bytesToBase64(file.glue.bytes) } : undefined;
  const list = [{ ...entry, when: Date.now(), bytes, glue }, ...loadRecent().filter((e) => !(e.kind === entry.kind && e.id === entry.id))]
    .slice(0, MAX_ENTRIES);
  try {
    localStorage.setItem(KEY, JSON.stringify(list));
  } catch {
    localStorage.setItem(KEY, JSON.stringify(list.map((e) => ({ ...e, bytes: undefined, glue: undefined }))));
  }
  return list;
}

export function recentFile(entry: RecentEntry): FileData | null {
  if (entry.kind !== 'file' || !entry.bytes) return null;
  const file: FileData = { name: entry.id, bytes: base64ToBytes(entry.bytes) };
  if (entry.glue) file.glue = { name: entry.glue.name, bytes: base64ToBytes(entry.glue.bytes) };
  return file;
}
