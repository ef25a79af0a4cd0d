// Opening a file by its host path in the desktop app: Open Recent, or a file given on the
// command line (to the first launch, or to a second one that hands it to the first window).
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
 * The file named on a command line, as an absolute path: the first argument that is not a
 * switch, after the program and (unpackaged, `electron .`) the app directory. Switches are
 * skipped wherever they are, as Chromium may insert its own in a second launch's argv.
 * Resolved against the launch's own directory, so a relative name opens the file the person
 * meant and is kept in Open Recent as a path that still works from anywhere.
 */
export function fileArgument(argv: readonly string[], packaged: boolean, cwd: string): string | null {
  const arg = argv.slice(1).filter((a) => !a.startsWith('-'))[packaged ? 0 : 1];
  return arg === undefined ? null : resolve(cwd, arg);
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
export async function openPath(path: string, shell: OpenPathShell): Promise<boolean> {
  let opened: Result<SessionView>;
  try {
    opened = await openByKind(path, shell.handle);
  } catch (error) {
    opened = { ok: false, error: { code: 'internal', message: `opening failed unexpectedly: ${(error as Error).message}` } };
  }
  if (opened.ok) {
    await shell.addRecent(path);
    return true;
  }
  if (await isGone(path)) await shell.removeRecent(path);
  const text = errorText(opened.error);
  // Most read errors already name the path; a parse or module error names only a line or offset.
  shell.showError('Cannot open this file', text.includes(path) ? text : `${path}: ${text}`);
  return false;
}
