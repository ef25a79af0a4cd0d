// Opening a file by its host path in the desktop app: Open Recent, or the files given on the
// command line (to the first launch, or to a second one that hands them to the first window):
// one file, or a module with its sequence.
// The kind comes from the name (a .wasm's bytes tell a coredump from a module), so a memory
// image opens as an image. Every failure is said in an error box naming the file: the contract
// has no event that carries a shell's own error to the page's error bar. A recent entry whose
// file is gone leaves the list, so the menu stops offering it.

import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { BackendHandle } from '../backend/handle.ts';
import type { SessionView } from '../shared/contract.ts';
import type { Result } from '../shared/dto.ts';
import { errorText } from '../shared/error-format.ts';
import { fileKindByName } from '../shared/file-kind.ts';
import { looksLikeCoredump, readFailureText, readRegularFile } from '../engine/index.ts';
import { MAX_IMAGE_BYTES, MAX_MODULE_BYTES } from '../backend/validate.ts';

/** What the app opens by path, for the refusal of anything else. */
export const OPENS = 'a module (.wasm), a call sequence (.wseq, .txt) or a memory image (.core.wasm, .core, .msnap, .bin)';

/**
 * The files named on a command line, in order, as absolute paths: the arguments that are not
 * switches, after the program and (unpackaged, `electron .`) the app directory. Switches are
 * skipped wherever they are, as Chromium may insert its own in a second launch's argv.
 * Resolved against the launch's own directory, so a relative name opens the file the person
 * meant and is kept in Open Recent as a path that still works from anywhere.
 */
export function fileArguments(argv: readonly string[], packaged: boolean, cwd: string): string[] {
  return argv.slice(1).filter((a) => !a.startsWith('-')).slice(packaged ? 0 : 1).map((a) => resolve(cwd, a));
}

export interface OpenPathShell {
  handle: Pick<BackendHandle, 'backend' | 'openFiles'>;
  showError(title: string, text: string): void;
  addRecent(path: string): Promise<unknown>;
  removeRecent(path: string): Promise<unknown>;
}

function usage(message: string): Result<never> {
  return { ok: false, error: { code: 'usage', message } };
}

async function openByKind(path: string, handle: OpenPathShell['handle']): Promise<Result<SessionView>> {
  const kind = fileKindByName(path);
  if (kind === 'sequence') return handle.openFiles({ sequence: path });
  if (kind === null || kind === 'glue') return usage(`not opened: the app opens ${OPENS}`);
  // An image, or a .wasm that may be a coredump: read here, as the Open dialog does.
  let bytes: Uint8Array;
  try {
    bytes = await readRegularFile(path, kind === 'image' ? MAX_IMAGE_BYTES : MAX_MODULE_BYTES);
  } catch (error) {
    return { ok: false, error: { code: 'io', message: `cannot read ${path}: ${readFailureText(error)}` } };
  }
  if (kind === 'module' && !looksLikeCoredump(bytes)) return handle.openFiles({ module: path });
  return handle.backend.openImage({ image: { name: basename(path), bytes: new Uint8Array(bytes) } });
}

/** True when nothing is at the path any more (deleted or moved), not when it is unreadable. */
async function isGone(path: string): Promise<boolean> {
  try {
    await stat(path);
    return false;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR';
  }
}

/** Opens the file at an absolute path; true when it opened, else the error box has said why. */
export function openPath(path: string, shell: OpenPathShell): Promise<boolean> {
  return opening([path], () => openByKind(path, shell.handle), shell);
}

/**
 * Opens what a command line named: one file, or a module and a sequence together, as the web
 * shell that `npm start` falls back to does. Past that, the files left are said in a box: the
 * sequence of `npm start m.wasm s.wseq` was skipped in silence, and the module opened alone.
 */
export async function openPaths(paths: readonly string[], shell: OpenPathShell): Promise<boolean> {
  const kinds = paths.map((p) => fileKindByName(p));
  if (paths.length === 2 && kinds.includes('module') && kinds.includes('sequence')) {
    const module = paths[kinds.indexOf('module')];
    const sequence = paths[kinds.indexOf('sequence')];
    return opening([module, sequence], () => shell.handle.openFiles({ module, sequence }), shell);
  }
  if (paths.length === 0) return false;
  const opened = await openPath(paths[0], shell);
  if (paths.length > 1) {
    shell.showError('Not opened', `${paths.slice(1).join(', ')}: the app opens one file, or a module (.wasm) with a call sequence (.wseq, .txt)`);
  }
  return opened;
}

/** Runs one open of these paths (the last is named in a failure that names none) and says how it went. */
async function opening(paths: readonly string[], open: () => Promise<Result<SessionView>>, shell: OpenPathShell): Promise<boolean> {
  let opened: Result<SessionView>;
  try {
    opened = await open();
  } catch (error) {
    opened = { ok: false, error: { code: 'internal', message: `opening failed unexpectedly: ${(error as Error).message}` } };
  }
  if (opened.ok) {
    for (const path of paths) await shell.addRecent(path);
    return true;
  }
  for (const path of paths) if (await isGone(path)) await shell.removeRecent(path);
  const text = errorText(opened.error);
  // Most read errors already name the path; a parse or module error names only a line or offset.
  const path = paths.at(-1)!;
  shell.showError('Cannot open this file', paths.some((p) => text.includes(p)) ? text : `${path}: ${text}`);
  return false;
}
