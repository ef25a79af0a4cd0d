// Reads a host file for the CLI and the shells: regular files only (a FIFO would block the
// reader and /dev/zero never ends), at most `limit` bytes, with an error saying which rule hit.

// Through fs's callback functions, not node:fs/promises: loading that module (which loads
// readline, fs watchers and directory streams with it) was ~2.5 ms of CPU of every CLI start.
import { close, constants, fstat, open, read, type Stats } from 'node:fs';
import { promisify } from 'node:util';

const openFile = promisify(open);
const statFile = promisify(fstat);
const readAt = promisify(read);
const closeFile = promisify(close);

/** A refusal, shaped like a Node fs error so existing handlers report it by its message. */
function refusal(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

function kind(st: Stats): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a file';
}

const WORDS: Record<string, string> = {
  ENOENT: 'no such file or directory', EISDIR: 'is a directory', EACCES: 'permission denied',
  ENOTDIR: 'a part of its path is not a directory',
};

/**
 * Why a file could not be read, in words, the same in every command and shell: the CLI's
 * commands, the DAP and the page said `EISDIR`, `no such file`, or Node's "EISDIR: illegal
 * operation on a directory, read", each its own way. Our own refusals (not a regular file, too
 * big) by their message.
 */
export function readFailureText(e: unknown): string {
  const error = e as NodeJS.ErrnoException | undefined;
  if (error?.code === 'ENOTREG' || error?.code === 'EFBIG') return error.message;
  return (error?.code !== undefined ? WORDS[error.code] : undefined) ?? (e instanceof Error ? e.message : String(e));
}

/** The whole file, or a rejection with a Node-style error (ENOENT, EISDIR, ENOTREG, EFBIG…). */
export async function readRegularFile(path: string, limit: number): Promise<Uint8Array> {
  // O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever.
  const fd = await openFile(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = await statFile(fd);
    if (st.isDirectory()) throw refusal('EISDIR', 'is a directory');
    if (!st.isFile()) throw refusal('ENOTREG', `not a regular file (${kind(st)})`);
    if (st.size > limit) throw refusal('EFBIG', `the file is ${st.size} bytes, above the limit of ${limit} bytes`);
    const bytes = new Uint8Array(st.size);
    let at = 0;
    while (at < bytes.length) {
      const { bytesRead } = await readAt(fd, bytes, at, bytes.length - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return at === bytes.length ? bytes : bytes.subarray(0, at);
  } finally {
    await closeFile(fd);
  }
}

/** Limits for files given by path: V8 compiles modules up to 1 GiB; sequences are text. */
export const MAX_MODULE_FILE_BYTES = 1 << 30;
export const MAX_SEQUENCE_FILE_BYTES = 64 << 20;
/** A 4 GiB memory image plus its manifest. */
export const MAX_SNAPSHOT_FILE_BYTES = 2 ** 32 + (64 << 20);
