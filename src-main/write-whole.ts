// Writes a file the user asked for (a snapshot, a coredump, exported host code) so that its name
// holds either what was there before or the whole new file: the bytes go to a temporary file
// beside it, which is then renamed over it. Written in place, a snapshot the process was killed
// in the middle of writing (Ctrl+C twice, a crash, a full disk) was left truncated under its
// name, and the good file it replaced was gone.

import { rename as renameCallback, rm as rmCallback, rmSync, stat as statCallback, writeFile as writeFileCallback } from 'node:fs';
import { promisify } from 'node:util';

// Not node:fs/promises, which `memscope run` need not load (engine/read-regular-file.ts says why).
const rename = promisify(renameCallback);
const rm = promisify(rmCallback);
const stat = promisify(statCallback);
const writeFile = promisify(writeFileCallback);

export async function writeWhole(path: string, data: Uint8Array | string): Promise<void> {
  // Not a regular file (/dev/stdout, a pipe): written as it is; renaming over it would replace it.
  const existing = await stat(path).catch(() => null);
  if (existing && !existing.isFile()) return writeFile(path, data);
  const temp = `${path}.${process.pid}.partial`;
  if (partial.size === 0) process.once('exit', removePartial);
  partial.add(temp);
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  } finally {
    partial.delete(temp);
    if (partial.size === 0) process.off('exit', removePartial);
  }
}

/** Temporary files being written: the process exiting meanwhile (process.exit, a signal's handler) removes them. */
const partial = new Set<string>();

function removePartial(): void {
  for (const temp of partial) rmSync(temp, { force: true });
}
