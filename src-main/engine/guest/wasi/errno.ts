// preview1 errno values and names, and the mapping from Node's filesystem errors to them.

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

/**
 * Node's error codes → preview1 errno, for the host filesystem calls (host-fs.ts). The same
 * table preview2's `error-code` implies on Node (ENOTDIR and Node's ERR_FS_EISDIR, a directory
 * where a file was required by Node itself, are both NOTDIR).
 */
const fromNodeCode: Record<string, number> = {
  EACCES: Errno.ACCES, EAGAIN: Errno.AGAIN, EWOULDBLOCK: Errno.AGAIN, EALREADY: Errno.ALREADY,
  EBADF: Errno.BADF, EBUSY: Errno.BUSY, EDEADLK: Errno.DEADLK, EDQUOT: Errno.DQUOT,
  EEXIST: Errno.EXIST, EFBIG: Errno.FBIG, EILSEQ: Errno.ILSEQ, EINPROGRESS: Errno.INPROGRESS,
  EINTR: Errno.INTR, EINVAL: Errno.INVAL, EIO: Errno.IO, EISDIR: Errno.ISDIR, ELOOP: Errno.LOOP,
  EMLINK: Errno.MLINK, EMSGSIZE: Errno.MSGSIZE, ENAMETOOLONG: Errno.NAMETOOLONG,
  ENODEV: Errno.NODEV, ENOENT: Errno.NOENT, ENOLCK: Errno.NOLCK, ENOMEM: Errno.NOMEM,
  ENOSPC: Errno.NOSPC, ENOTDIR: Errno.NOTDIR, ERR_FS_EISDIR: Errno.NOTDIR,
  ENOTEMPTY: Errno.NOTEMPTY, ENOTRECOVERABLE: Errno.NOTRECOVERABLE, ENOTSUP: Errno.NOTSUP,
  ENOTTY: Errno.NOTTY, ENXIO: Errno.NXIO, EOVERFLOW: Errno.OVERFLOW, EPERM: Errno.PERM,
  EPIPE: Errno.PIPE, EROFS: Errno.ROFS, ESPIPE: Errno.SPIPE, ETXTBSY: Errno.TXTBSY,
  EXDEV: Errno.XDEV,
};

/**
 * Rethrows a failed node:fs call as its errno. Node's message (which names the host path) is
 * dropped: a guest's call log shows guest paths only. A failure without a known code is
 * rethrown as it is (the caller records it as a host error and answers IO).
 */
export function rethrowFsError(e: unknown): never {
  const code = (e as { code?: unknown } | null)?.code;
  const errno = typeof code === 'string' ? fromNodeCode[code] : undefined;
  if (errno === undefined) throw e;
  throw new WasiError(errno);
}

/** A preview1 function's early exit with an errno, thrown inside our own code. */
export class WasiError extends Error {
  constructor(readonly errno: number, message = errnoName(errno)) {
    super(message);
    this.name = 'WasiError';
  }
}

/**
 * Turns anything a host call or guest memory access may throw into an errno, or null when it
 * is not a known error shape (our bug: the caller records it and answers IO).
 */
export function errnoFromThrown(e: unknown): number | null {
  if (e instanceof WasiError) return e.errno;
  if (e instanceof MemoryFault) return Errno.FAULT;
  return null;
}
