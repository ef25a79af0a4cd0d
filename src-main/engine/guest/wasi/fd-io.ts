// preview1 fd_read/write/pread/pwrite/seek/tell: stdio from config bytes and host sinks, files via the shim.

import { s64, u32, u64, wasiFn } from './context.ts';
import type { CallNote, WasiArg, WasiContext } from './context.ts';
import { Errno, WasiError } from './errno.ts';
import type { FdEntry, FileEntry } from './fd-table.ts';
import { Fdflags, readIovecs, Whence } from './layouts.ts';
import type { Iovec } from './layouts.ts';

const TEXT_LIMIT = 200;
const decoder = new TextDecoder('utf-8', { fatal: false });

export function lookup(ctx: WasiContext, fd: number): FdEntry {
  const e = ctx.fds.get(fd);
  if (!e) throw new WasiError(Errno.BADF);
  return e;
}

/** A regular-file fd; stdio cannot seek (SPIPE), directories are not files (BADF). */
function seekable(ctx: WasiContext, fd: number): FileEntry {
  const e = lookup(ctx, fd);
  if (e.kind === 'file') return e;
  throw new WasiError(e.kind === 'dir' ? Errno.BADF : Errno.SPIPE);
}

function gather(ctx: WasiContext, iovs: Iovec[]): Uint8Array {
  const total = iovs.reduce((n, v) => n + v.len, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const v of iovs) {
    out.set(ctx.mem.view(v.buf, v.len), at);
    at += v.len;
  }
  return out;
}

function scatter(ctx: WasiContext, iovs: Iovec[], data: Uint8Array): void {
  let at = 0;
  for (const v of iovs) {
    if (at >= data.length) break;
    const part = data.subarray(at, at + v.len);
    ctx.mem.write(v.buf, part);
    at += part.length;
  }
}

function noteWritten(note: CallNote, fd: number, bytes: Uint8Array): void {
  // Decode only a prefix: a multi-megabyte write must not cost a multi-megabyte string.
  const text = decoder.decode(bytes.subarray(0, TEXT_LIMIT * 4));
  const cut = text.length > TEXT_LIMIT || bytes.length > TEXT_LIMIT * 4;
  note.detail.fd = fd;
  note.detail.text = cut ? text.slice(0, TEXT_LIMIT) : text;
  note.detail.bytes = bytes.length;
  if (cut) note.detail.textTruncated = `first ${TEXT_LIMIT} characters of ${bytes.length} bytes`;
}

/** Writes to a file at `offset` (null: the fd's position, or its end with APPEND). */
function writeTo(e: FdEntry, bytes: Uint8Array, offset: bigint | null): number {
  if (e.kind === 'stdout' || e.kind === 'stderr') return bytes.length;
  if (e.kind !== 'file' || !e.writable) throw new WasiError(Errno.BADF);
  const at = offset ?? ((e.flags & Fdflags.APPEND) !== 0 ? e.desc.stat().size : e.position);
  const n = bytes.length === 0 ? 0n : e.desc.write(bytes, at);
  if (offset === null) e.position = at + n;
  return Number(n);
}

function readFrom(ctx: WasiContext, e: FdEntry, len: number, offset: bigint | null): Uint8Array {
  if (e.kind === 'stdin') {
    const data = ctx.config.stdin.subarray(ctx.stdinPos, ctx.stdinPos + len);
    ctx.stdinPos += data.length;
    return data;
  }
  if (e.kind !== 'file' || !e.readable) throw new WasiError(Errno.BADF);
  const [bytes] = len === 0 ? [new Uint8Array(0)] : e.desc.read(BigInt(len), offset ?? e.position);
  if (offset === null) e.position += BigInt(bytes.length);
  return bytes;
}

/** What (p)read and (p)write share: args (fd, iovs, iovs_len, [offset], out), checked in this order. */
interface IoCall {
  fd: number;
  e: FdEntry;
  iovs: Iovec[];
  /** Where the u32 byte count goes. */
  out: number;
}

function ioCall(ctx: WasiContext, a: WasiArg[], offset: bigint | null, outArg: number): IoCall {
  const fd = u32(a[0]);
  const e = lookup(ctx, fd);
  const iovs = readIovecs(ctx.mem, u32(a[1]), u32(a[2]));
  const out = u32(a[outArg]);
  ctx.mem.validate(out, 4);
  // Only regular files have positions: stdio cannot pread/pwrite (SPIPE), directories are not files.
  if (offset !== null && e.kind !== 'file') throw new WasiError(e.kind === 'dir' ? Errno.BADF : Errno.SPIPE);
  return { fd, e, iovs, out };
}

function doWrite(ctx: WasiContext, note: CallNote, a: WasiArg[], offset: bigint | null, outArg: number): number {
  const { fd, e, iovs, out } = ioCall(ctx, a, offset, outArg);
  const bytes = gather(ctx, iovs);
  const n = writeTo(e, bytes, offset);
  if (e.kind === 'stdout') ctx.host.stdout(bytes);
  if (e.kind === 'stderr') ctx.host.stderr(bytes);
  ctx.mem.setU32(out, n);
  noteWritten(note, fd, bytes.subarray(0, n));
  return Errno.SUCCESS;
}

function doRead(ctx: WasiContext, note: CallNote, a: WasiArg[], offset: bigint | null, outArg: number): number {
  const { fd, e, iovs, out } = ioCall(ctx, a, offset, outArg);
  const data = readFrom(ctx, e, iovs.reduce((n, v) => n + v.len, 0), offset);
  scatter(ctx, iovs, data);
  ctx.mem.setU32(out, data.length);
  note.detail.fd = fd;
  note.detail.bytes = data.length;
  return Errno.SUCCESS;
}

/**
 * How calls read in the call log (arg-decoder.ts): the fd, for writes the text written; after a
 * success, the byte count the call stored at its out-pointer, or the new position.
 */
const READ = { show: 'fd={fd}', then: '{nread:bytesat}' };
const WRITE = { show: 'fd={fd}, {iovs:iovs}', then: '{nwritten:bytesat}' };
export const FD_SEEK = { show: 'fd={fd}, offset={offset:s64}, whence={whence:whence}', then: 'position {newoffset:u64at}' };

export const fdIoFunctions = [
  wasiFn('fd_pread', ['fd', 'iovs', 'iovs_len', 'offset', 'nread'], (ctx, note, a) =>
    doRead(ctx, note, a, u64(a[3]), 4), READ),
  wasiFn('fd_pwrite', ['fd', 'iovs', 'iovs_len', 'offset', 'nwritten'], (ctx, note, a) =>
    doWrite(ctx, note, a, u64(a[3]), 4), WRITE),
  wasiFn('fd_read', ['fd', 'iovs', 'iovs_len', 'nread'], (ctx, note, a) => doRead(ctx, note, a, null, 3), READ),
  wasiFn('fd_seek', ['fd', 'offset', 'whence', 'newoffset'], (ctx, note, a) => {
    const fd = u32(a[0]);
    const delta = s64(a[1]);
    const whence = u32(a[2]);
    const out = u32(a[3]);
    const e = seekable(ctx, fd);
    ctx.mem.validate(out, 8);
    let base: bigint;
    if (whence === Whence.SET) base = 0n;
    else if (whence === Whence.CUR) base = e.position;
    else if (whence === Whence.END) base = e.desc.stat().size;
    else return Errno.INVAL;
    const next = base + delta;
    if (next < 0n) return Errno.INVAL;
    e.position = next;
    ctx.mem.setU64(out, next);
    note.detail.position = next.toString();
    return Errno.SUCCESS;
  }, FD_SEEK),
  wasiFn('fd_tell', ['fd', 'offset'], (ctx, _note, a) => {
    const e = seekable(ctx, u32(a[0]));
    ctx.mem.setU64(u32(a[1]), e.position);
    return Errno.SUCCESS;
  }, { then: 'position {offset:u64at}' }),
  wasiFn('fd_write', ['fd', 'iovs', 'iovs_len', 'nwritten'], (ctx, note, a) => doWrite(ctx, note, a, null, 3), WRITE),
];
