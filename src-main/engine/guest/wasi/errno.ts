// preview1 errno values and names, and the mapping from preview2-shim / Node errors to them.

import { MemoryFault } from '../../memory/guest-memory.ts';

/** The errno values this host returns; numbering from the preview1 witx. */
export const Errno = {
  SUCCESS: 0, TOOBIG: 1, ACCES: 2, ADDRINUSE: 3, ADDRNOTAVAIL: 4, AFNOSUPPORT: 5, AGAIN: 6,
  ALREADY: 7, BADF: 8, BADMSG: 9, BUSY: 10, CANCELED: 11, CHILD: 12, CONNABORTED: 13,
  CONNREFUSED: 14, CONNRESET: 15, DEADLK: 16, DESTADDRREQ: 17, DOM: 18, DQUOT: 19, EXIST: 20,
  FAULT: 21, FBIG: 22, HOSTUNREACH: 23, IDRM: 24, ILSEQ: 25, INPROGRESS: 26, INTR: 27,
  INVAL: 28, IO: 29, ISCONN: 30, ISDIR: 31, LOOP: 32, MFILE: 33, MLINK: 34, MSGSIZE: 35,
  MULTIHOP: 36, NAMETOOLONG: 37, NETDOWN: 38, NETRESET: 39, NETUNREACH: 40, NFILE: 41,
  NOBUFS: 42, NODEV: 43, NOENT: 44, NOEXEC: 45, NOLCK: 46, NOLINK: 47, NOMEM: 48, NOMSG: 49,
  NOPROTOOPT: 50, NOSPC: 51, NOSYS: 52, NOTCONN: 53, NOTDIR: 54, NOTEMPTY: 55,
  NOTRECOVERABLE: 56, NOTSOCK: 57, NOTSUP: 58, NOTTY: 59, NXIO: 60, OVERFLOW: 61,
  OWNERDEAD: 62, PERM: 63, PIPE: 64, PROTO: 65, PROTONOSUPPORT: 66, PROTOTYPE: 67, RANGE: 68,
  ROFS: 69, SPIPE: 70, SRCH: 71, STALE: 72, TIMEDOUT: 73, TXTBSY: 74, XDEV: 75,
  NOTCAPABLE: 76,
} as const;

const names: string[] = [];
for (const [key, value] of Object.entries(Errno)) names[value] = key.toLowerCase();

/** "success", "badf", … as the witx spells them; "errno N" for values outside the table. */
export function errnoName(errno: number): string {
  return names[errno] ?? `errno ${errno}`;
}

/** preview2 `error-code` strings (thrown by the shim's filesystem) → preview1 errno. */
const fromErrorCode: Record<string, number> = {
  access: Errno.ACCES, 'would-block': Errno.AGAIN, already: Errno.ALREADY,
  'bad-descriptor': Errno.BADF, busy: Errno.BUSY, deadlock: Errno.DEADLK, quota: Errno.DQUOT,
  exist: Errno.EXIST, 'file-too-large': Errno.FBIG, 'illegal-byte-sequence': Errno.ILSEQ,
  'in-progress': Errno.INPROGRESS, interrupted: Errno.INTR, invalid: Errno.INVAL, io: Errno.IO,
  'is-directory': Errno.ISDIR, loop: Errno.LOOP, 'too-many-links': Errno.MLINK,
  'message-size': Errno.MSGSIZE, 'name-too-long': Errno.NAMETOOLONG, 'no-device': Errno.NODEV,
  'no-entry': Errno.NOENT, 'no-lock': Errno.NOLCK, 'insufficient-memory': Errno.NOMEM,
  'insufficient-space': Errno.NOSPC, 'not-directory': Errno.NOTDIR, 'not-empty': Errno.NOTEMPTY,
  'not-recoverable': Errno.NOTRECOVERABLE, unsupported: Errno.NOTSUP, 'no-tty': Errno.NOTTY,
  'no-such-device': Errno.NXIO, overflow: Errno.OVERFLOW, 'not-permitted': Errno.PERM,
  pipe: Errno.PIPE, 'read-only': Errno.ROFS, 'invalid-seek': Errno.SPIPE,
  'text-file-busy': Errno.TXTBSY, 'cross-device': Errno.XDEV,
  // wasi:io/streams errors
  closed: Errno.PIPE, 'last-operation-failed': Errno.IO,
};

/** Node's error codes, for shim calls that pass raw fs errors through (read, write, setSize). */
const fromNodeCode: Record<string, number> = {
  EACCES: Errno.ACCES, EAGAIN: Errno.AGAIN, EBADF: Errno.BADF, EBUSY: Errno.BUSY,
  EEXIST: Errno.EXIST, EFBIG: Errno.FBIG, EINVAL: Errno.INVAL, EIO: Errno.IO,
  EISDIR: Errno.ISDIR, ELOOP: Errno.LOOP, ENAMETOOLONG: Errno.NAMETOOLONG, ENOENT: Errno.NOENT,
  ENOMEM: Errno.NOMEM, ENOSPC: Errno.NOSPC, ENOTDIR: Errno.NOTDIR, ENOTEMPTY: Errno.NOTEMPTY,
  ENOTSUP: Errno.NOTSUP, EOVERFLOW: Errno.OVERFLOW, EPERM: Errno.PERM, EPIPE: Errno.PIPE,
  EROFS: Errno.ROFS, ESPIPE: Errno.SPIPE, EXDEV: Errno.XDEV,
};

/** A preview1 function's early exit with an errno, thrown inside our own code. */
export class WasiError extends Error {
  constructor(readonly errno: number, message = errnoName(errno)) {
    super(message);
    this.name = 'WasiError';
  }
}

/**
 * Turns anything a shim call or guest memory access may throw into an errno, or null when it
 * is not a known error shape (our bug: the caller records it and answers IO).
 */
export function errnoFromThrown(e: unknown): number | null {
  if (e instanceof WasiError) return e.errno;
  if (e instanceof MemoryFault) return Errno.FAULT;
  if (typeof e === 'string') return fromErrorCode[e] ?? null;
  if (typeof e === 'object' && e !== null) {
    const tag = (e as { tag?: unknown }).tag;
    if (typeof tag === 'string' && tag in fromErrorCode) return fromErrorCode[tag];
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code in fromNodeCode) return fromNodeCode[code];
  }
  return null;
}
