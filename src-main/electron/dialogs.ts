// Native open/save dialogs behind the contract's ShellRequests, and the Open Recent list
// (host paths kept in userData/recent.json, newest first).

import { app, dialog, type BrowserWindow } from 'electron';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { FileData, PickKind } from '../shared/contract.ts';
import { glueBeside, readFailureText, readRegularFile } from '../engine/index.ts';
import { writeWhole } from '../write-whole.ts';
import { MAX_IMAGE_BYTES, MAX_MODULE_BYTES } from '../backend/validate.ts';
import { TOO_LARGE_INSTEAD } from '../shared/too-large.ts';
import { fileKindByName } from '../shared/file-kind.ts';

const FILTERS = {
  module: [{ name: 'WebAssembly module', extensions: ['wasm'] }],
  sequence: [{ name: 'Memscope call sequence', extensions: ['wseq', 'txt'] }],
  image: [{ name: 'Memory image (Wasm coredump, snapshot, raw dump)', extensions: ['wasm', 'core', 'msnap', 'bin'] }],
};
const TITLES: Record<PickKind, string> = { module: 'Open Module', sequence: 'Open Sequence', image: 'Open Memory Image' };
/**
 * The save dialog's title and its failure box's, by the name of what is saved (fileKindByName):
 * the app saves a sequence, a snapshot (.msnap, .bin), a coredump (an image named .core, and the
 * only .wasm it writes) and a host program (.mjs, .rs, .go), and names each so.
 */
export function saveWords(name: string): { title: string; failed: string } {
  const kind = fileKindByName(name);
  if (kind === 'sequence') return { title: 'Save Sequence', failed: 'Save failed' };
  if (kind === 'image' && /\.(msnap|bin)$/i.test(name)) return { title: 'Export Snapshot', failed: 'Export failed' };
  if (kind === 'image' || kind === 'module') return { title: 'Export Coredump', failed: 'Export failed' };
  return { title: 'Export Host Code', failed: 'Export failed' };
}
const MAX_RECENT = 10;
/** The most the backend takes of a file the page sends (validate.ts), so a larger one is refused here, before it is read. */
const MAX_OPEN_BYTES = Math.max(MAX_MODULE_BYTES, MAX_IMAGE_BYTES);

function recentFile(): string {
  return join(app.getPath('userData'), 'recent.json');
}

export async function readRecent(): Promise<string[]> {
  try {
    const list: unknown = JSON.parse(await readFile(recentFile(), 'utf8'));
    return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string').slice(0, MAX_RECENT) : [];
  } catch {
    return [];
  }
}

export async function addRecent(path: string): Promise<string[]> {
  const list = [path, ...(await readRecent()).filter((p) => p !== path)].slice(0, MAX_RECENT);
  await writeWhole(recentFile(), JSON.stringify(list, null, 2)).catch(() => undefined);
  return list;
}

/** Drops a path from the list (its file was deleted or moved); the list left. */
export async function removeRecent(path: string): Promise<string[]> {
  const list = (await readRecent()).filter((p) => p !== path);
  await writeWhole(recentFile(), JSON.stringify(list, null, 2)).catch(() => undefined);
  return list;
}

/** Asks for a path only (menus use it to open by path, with the sequence's directory known). */
export async function pickPath(win: BrowserWindow, kind: PickKind): Promise<string | null> {
  const answer = await dialog.showOpenDialog(win, {
    title: TITLES[kind],
    properties: ['openFile'],
    filters: FILTERS[kind],
  });
  return answer.canceled || answer.filePaths.length === 0 ? null : answer.filePaths[0];
}

/** The picked file's bytes, and its path (which stays in the main process). */
export async function pickFile(win: BrowserWindow, kind: PickKind): Promise<{ file: FileData; path: string } | null> {
  const path = await pickPath(win, kind);
  if (!path) return null;
  let bytes: Uint8Array;
  try {
    bytes = await readRegularFile(path, MAX_OPEN_BYTES);
  } catch (error) {
    // Too large for the app, a memory image is still readable by path in a terminal (up to 4 GiB):
    // say so, as the web shell does, rather than leave the person with only a byte limit.
    const instead = kind === 'image' && (error as NodeJS.ErrnoException).code === 'EFBIG' ? `; ${TOO_LARGE_INSTEAD.image}` : '';
    dialog.showErrorBox('Cannot open this file', `${basename(path)}: ${(error as Error).message}${instead}`);
    return null;
  }
  await addRecent(path);
  // A minified Emscripten module comes with the names in the glue beside it.
  const glue = kind === 'module' ? await glueBeside(path, bytes) : null;
  const file: FileData = { name: basename(path), bytes: new Uint8Array(bytes) };
  if (glue) file.glue = { name: basename(glue.file), bytes: new TextEncoder().encode(glue.text) };
  return { file, path };
}

/**
 * Asks where, then writes: true when saved, false when cancelled or failed. A failure (the
 * dialog itself, or the write) is said here, in a box naming the file, and never rejects the
 * IPC call: the page could only say it without the path.
 */
export async function saveFile(win: BrowserWindow, file: FileData): Promise<boolean> {
  let path: string | undefined;
  const words = saveWords(file.name);
  try {
    const answer = await dialog.showSaveDialog(win, { title: words.title, defaultPath: basename(file.name) });
    if (answer.canceled || !answer.filePath) return false;
    path = answer.filePath;
    await writeWhole(path, file.bytes);
    return true;
  } catch (error) {
    dialog.showErrorBox(words.failed, path ? `cannot write ${path}: ${readFailureText(error)}` : `the save dialog failed: ${(error as Error).message}`);
    return false;
  }
}
