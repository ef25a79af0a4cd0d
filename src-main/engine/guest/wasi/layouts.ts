// preview1 constants and struct layouts (little-endian), written through bounds-checked memory.

import type { GuestMemory } from '../../memory/guest-memory.ts';
import type { TrackedMemory } from '../host-call.ts';

export const Filetype = {
  UNKNOWN: 0, BLOCK_DEVICE: 1, CHARACTER_DEVICE: 2, DIRECTORY: 3, REGULAR_FILE: 4,
  SOCKET_DGRAM: 5, SOCKET_STREAM: 6, SYMBOLIC_LINK: 7,
} as const;

/** preview2 descriptor-type → preview1 filetype (fifo has no preview1 equivalent). */
export function filetypeOf(type: string): number {
  switch (type) {
    case 'block-device': return Filetype.BLOCK_DEVICE;
    case 'character-device': return Filetype.CHARACTER_DEVICE;
    case 'directory': return Filetype.DIRECTORY;
    case 'regular-file': return Filetype.REGULAR_FILE;
    case 'socket': return Filetype.SOCKET_STREAM;
    case 'symbolic-link': return Filetype.SYMBOLIC_LINK;
    default: return Filetype.UNKNOWN;
  }
}

/** Rights bits (u64 in the ABI; all fit in 30 bits). */
export const Rights = {
  FD_DATASYNC: 1 << 0, FD_READ: 1 << 1, FD_SEEK: 1 << 2, FD_FDSTAT_SET_FLAGS: 1 << 3,
  FD_SYNC: 1 << 4, FD_TELL: 1 << 5, FD_WRITE: 1 << 6, FD_ADVISE: 1 << 7, FD_ALLOCATE: 1 << 8,
  PATH_CREATE_DIRECTORY: 1 << 9, PATH_CREATE_FILE: 1 << 10, FD_READDIR: 1 << 14,
  FD_FILESTAT_SET_SIZE: 1 << 22, POLL_FD_READWRITE: 1 << 27,
  ALL: (1 << 30) - 1,
} as const;

/** Rights that make path_open ask for a writable descriptor (as Wasmtime decides it). */
export const WRITE_RIGHTS =
  Rights.FD_DATASYNC | Rights.FD_WRITE | Rights.FD_ALLOCATE | Rights.FD_FILESTAT_SET_SIZE;

export const Oflags = { CREAT: 1, DIRECTORY: 2, EXCL: 4, TRUNC: 8 } as const;
export const Fdflags = { APPEND: 1, DSYNC: 2, NONBLOCK: 4, RSYNC: 8, SYNC: 16 } as const;
export const LOOKUP_SYMLINK_FOLLOW = 1;
export const Whence = { SET: 0, CUR: 1, END: 2 } as const;
export const ClockId = { REALTIME: 0, MONOTONIC: 1 } as const;
export const EventType = { CLOCK: 0, FD_READ: 1, FD_WRITE: 2 } as const;
export const SUBCLOCKFLAG_ABSTIME = 1;

/** iovec / ciovec: { buf u32 @0, len u32 @4 }, 8 bytes each. */
export interface Iovec { buf: number; len: number }

/** Validates the array and every buffer up front, so a bad iovec faults before any side effect. */
export function readIovecs(mem: TrackedMemory, ptr: number, count: number): Iovec[] {
  mem.validate(ptr, count * 8);
  const out: Iovec[] = [];
  for (let i = 0; i < count; i++) {
    const buf = mem.getU32(ptr + i * 8);
    const len = mem.getU32(ptr + i * 8 + 4);
    mem.validate(buf, len);
    out.push({ buf, len });
  }
  return out;
}

/** fdstat, 24 bytes: { filetype u8 @0, flags u16 @2, rights_base u64 @8, rights_inheriting u64 @16 } */
export function writeFdstat(
  mem: GuestMemory, ptr: number, filetype: number, flags: number, base: number, inheriting: number,
): void {
  mem.check(ptr, 24);
  mem.write(ptr, new Uint8Array(24));
  mem.setU8(ptr, filetype);
  mem.setU16(ptr + 2, flags);
  mem.setU64(ptr + 8, BigInt(base));
  mem.setU64(ptr + 16, BigInt(inheriting));
}

export interface Filestat {
  dev: bigint; ino: bigint; filetype: number; nlink: bigint; size: bigint;
  atim: bigint; mtim: bigint; ctim: bigint;
}

/** filestat, 64 bytes: dev @0, ino @8, filetype u8 @16, nlink @24, size @32, atim @40, mtim @48, ctim @56 */
export function writeFilestat(mem: GuestMemory, ptr: number, s: Filestat): void {
  mem.check(ptr, 64);
  mem.write(ptr, new Uint8Array(64));
  mem.setU64(ptr, s.dev);
  mem.setU64(ptr + 8, s.ino);
  mem.setU8(ptr + 16, s.filetype);
  mem.setU64(ptr + 24, s.nlink);
  mem.setU64(ptr + 32, s.size);
  mem.setU64(ptr + 40, s.atim);
  mem.setU64(ptr + 48, s.mtim);
  mem.setU64(ptr + 56, s.ctim);
}

/** dirent header, 24 bytes, followed by the name (no NUL): d_next @0, d_ino @8, d_namlen u32 @16, d_type u8 @20 */
export function encodeDirent(next: bigint, ino: bigint, name: Uint8Array, type: number): Uint8Array {
  const out = new Uint8Array(24 + name.length);
  const dv = new DataView(out.buffer);
  dv.setBigUint64(0, next, true);
  dv.setBigUint64(8, BigInt.asUintN(64, ino), true);
  dv.setUint32(16, name.length, true);
  dv.setUint8(20, type);
  out.set(name, 24);
  return out;
}

export const SUBSCRIPTION_SIZE = 48;
export const EVENT_SIZE = 32;
