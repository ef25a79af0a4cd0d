// preview1's files through preview2-shim, called directly: escapes through `..` and symlinks,
// errnos, EOF, partial reads, fd numbering, and the shim's thread started only by a file call.

import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportCallRecord } from '../../../shared/dto.ts';
import { GuestMemory } from '../../memory/guest-memory.ts';
import { recordsTo } from '../host-call.ts';
import { createWasiPreview1 } from './index.ts';
import { runProbe } from './probe-harness.ts';

let base = '';
let ro = '';
let rw = '';

// base/secret.txt            outside every preopen
// base/ro/ (fd 3, read-only) a.txt, sub/inner.txt, escape -> ../secret.txt, abs -> <ro>/a.txt,
//                            up -> .. (a directory link out), chain1 -> chain2 -> a.txt,
//                            loop1 -> loop2 -> loop1, sub/back -> ../a.txt (stays inside)
// base/rw/ (fd 4, writable)  empty
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'memscope-shim-fs-'));
  ro = join(base, 'ro');
  rw = join(base, 'rw');
  mkdirSync(join(ro, 'sub'), { recursive: true });
  mkdirSync(rw);
  writeFileSync(join(base, 'secret.txt'), 'outside the preopen\n');
  writeFileSync(join(ro, 'a.txt'), 'hello from a file\n');
  writeFileSync(join(ro, 'sub/inner.txt'), 'inner\n');
  symlinkSync('../secret.txt', join(ro, 'escape'));
  symlinkSync(join(ro, 'a.txt'), join(ro, 'abs'));
  symlinkSync('..', join(ro, 'up'));
  symlinkSync('chain2', join(ro, 'chain1'));
  symlinkSync('a.txt', join(ro, 'chain2'));
  symlinkSync('loop2', join(ro, 'loop1'));
  symlinkSync('loop1', join(ro, 'loop2'));
  symlinkSync('../a.txt', join(ro, 'sub/back'));
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

type Fn = (...args: (number | bigint)[]) => number;

const FD_READ = 2n;
const FD_WRITE = 64n;
const FOLLOW = 1;
const O_CREAT = 1;
const O_DIRECTORY = 2;

/** Guest memory layout of these tests: paths at 100, iovec at 250, counts at 260, read buffer at 300, out fd at 200. */
function setup() {
  const mem = new GuestMemory(new WebAssembly.Memory({ initial: 1 }));
  const records: ImportCallRecord[] = [];
  const wasi = createWasiPreview1(
    {
      args: ['t.wasm'], env: [], stdin: new Uint8Array(0), deterministic: true,
      preopens: [{ guestPath: '/ro', hostPath: ro, writable: false }, { guestPath: '/rw', hostPath: rw, writable: true }],
    },
    { stdout: () => {}, stderr: () => {}, calls: recordsTo((r) => records.push(r)) },
    () => mem,
  );
  const call = (name: string, ...args: (number | bigint)[]): number => (wasi.imports[name] as Fn)(...args);
  /** path_open(dir, path) → [errno, fd]. */
  const open = (dir: number, path: string, opts: { follow?: boolean; oflags?: number; rights?: bigint } = {}): [number, number] => {
    const len = mem.writeUtf8(100, path);
    mem.setU32(200, 0xffff);
    const errno = call('path_open', dir, opts.follow === false ? 0 : FOLLOW, 100, len, opts.oflags ?? 0, opts.rights ?? FD_READ, 0n, 0, 200);
    return [errno, mem.getU32(200)];
  };
  /** fd_read of up to `len` bytes → [errno, text]. */
  const read = (fd: number, len: number): [number, string] => {
    mem.setU32(250, 300);
    mem.setU32(254, len);
    const errno = call('fd_read', fd, 250, 1, 260);
    return [errno, errno === 0 ? mem.readUtf8(300, mem.getU32(260)) : ''];
  };
  const write = (fd: number, text: string): number => {
    const n = mem.writeUtf8(300, text);
    mem.setU32(250, 300);
    mem.setU32(254, n);
    return call('fd_write', fd, 250, 1, 260);
  };
  return { mem, records, call, open, read, write, wasi };
}

describe('the shim is loaded only when a file is used', () => {
  // The threads of this process (Linux). Importing preview2-shim starts its IO worker, a thread
  // that stays; a guest that only uses stdio, args, clocks, random, sleep and exit must not pay
  // for it, even when it was given a directory (wasi-libc's start-up asks fd_prestat_* for each).
  // This file runs in a fresh process and these tests run first, in this order: nothing has
  // loaded the shim before the first one.
  const threads = (): number => readdirSync('/proc/self/task').length;
  const data = () => ({ preopens: [{ guestPath: '/data', hostPath: ro, writable: false }] });

  it.runIf(existsSync('/proc/self/task'))('stdout, clocks, sleep, random, preopen names and exit start no thread', async () => {
    const before = threads();
    const clock = await runProbe(['clock'], data());
    expect(clock.stdout).toContain('mono ');
    expect(clock.stdout).toMatch(/random( [0-9a-f]{2}){8}/);
    expect(clock.records.map((r) => r.name)).toContain('fd_prestat_get');
    expect(clock.records.map((r) => r.name)).toContain('poll_oneoff');
    const exit = await runProbe(['exit', '3'], data());
    expect(exit.exitCode).toBe(3);
    const { call, mem } = setup();
    expect(call('sched_yield')).toBe(0);
    expect(call('fd_prestat_get', 3, 400)).toBe(0);
    expect(call('fd_fdstat_get', 4, 400)).toBe(0);
    expect(mem.getU8(400)).toBe(3); // a directory, from our own table
    expect(call('fd_close', 4)).toBe(0);
    expect(threads()).toBe(before);
  });

  // Node's own modules are counted in this thread too: loading the package's index (or its
  // WASIShim, which imports it) would bring its http, sockets and random interfaces, with
  // node:http and node:crypto, into the guest's thread; a preview1 guest's files need only
  // the shim's filesystem.
  const builtins = (): string[] => (process as unknown as { moduleLoadList: string[] }).moduleLoadList.filter((m) => m.startsWith('NativeModule '));

  it.runIf(existsSync('/proc/self/task'))('reading a file in a preopen starts the shim\'s IO thread and loads only its filesystem', async () => {
    const before = threads();
    const loadedBefore = new Set(builtins());
    const r = await runProbe(['cat', '/data/a.txt'], data());
    expect(r.stdout).toBe('hello from a file\n');
    expect(threads()).toBeGreaterThan(before);
    const loaded = builtins().filter((m) => !loadedBefore.has(m));
    expect(loaded).not.toContain('NativeModule http');
    expect(loaded).not.toContain('NativeModule crypto');
  });
});

const PERM = 63;

describe('a guest path never leaves its preopen', () => {
  it('`..` above the directory is PERM, also from an opened subdirectory', () => {
    const { open } = setup();
    expect(open(3, '../secret.txt')[0]).toBe(PERM);
    expect(open(3, 'sub/../../secret.txt')[0]).toBe(PERM);
    const [ok, sub] = open(3, 'sub', { oflags: O_DIRECTORY });
    expect(ok).toBe(0);
    expect(open(sub, '../a.txt')[0]).toBe(PERM);
  });

  it('a symlink out is PERM whether it is the last segment or a directory on the way', () => {
    const { open, call, mem } = setup();
    expect(open(3, 'escape')[0]).toBe(PERM);
    expect(open(3, 'up/secret.txt')[0]).toBe(PERM);
    expect(open(3, 'up/ro/a.txt')[0]).toBe(PERM);
    const len = mem.writeUtf8(100, 'escape');
    expect(call('path_filestat_get', 3, FOLLOW, 100, len, 400)).toBe(PERM);
  });

  it('an absolute symlink target is PERM even when it points inside the preopen', () => {
    const { open } = setup();
    expect(open(3, 'abs')[0]).toBe(PERM);
  });

  it('a symlink that stays inside is followed, through chains and from subdirectories', () => {
    const { open, read } = setup();
    const [e1, chain] = open(3, 'chain1');
    expect(e1).toBe(0);
    expect(read(chain, 100)).toEqual([0, 'hello from a file\n']);
    const [e2, back] = open(3, 'sub/back');
    expect(e2).toBe(0);
    expect(read(back, 100)).toEqual([0, 'hello from a file\n']);
  });

  it('without LOOKUP_SYMLINK_FOLLOW the link itself is not opened (LOOP) but can be stat\'ed and read as a link', () => {
    const { open, call, mem } = setup();
    expect(open(3, 'escape', { follow: false })[0]).toBe(32);
    const len = mem.writeUtf8(100, 'escape');
    expect(call('path_filestat_get', 3, 0, 100, len, 400)).toBe(0);
    expect(mem.getU8(400 + 16)).toBe(7); // symbolic link
    expect(call('path_readlink', 3, 100, len, 500, 64, 260)).toBe(0);
    expect(mem.readUtf8(500, mem.getU32(260))).toBe('../secret.txt');
  });

  it('a symlink loop is LOOP (32)', () => {
    const { open } = setup();
    expect(open(3, 'loop1')[0]).toBe(32);
  });

  it('nothing is created, linked or renamed out of a writable preopen', () => {
    const { call, mem } = setup();
    const target = mem.writeUtf8(100, '/etc/passwd');
    const name = mem.writeUtf8(150, 'link');
    expect(call('path_symlink', 100, target, 4, 150, name)).toBe(PERM);
    expect(existsSync(join(rw, 'link'))).toBe(false);
    const out = mem.writeUtf8(100, '../moved');
    expect(call('path_create_directory', 4, 100, out)).toBe(PERM);
    expect(existsSync(join(base, 'moved'))).toBe(false);
  });
});

describe('files', () => {
  it('reads partially, then 0 bytes at the end of the file; pread past the end reads 0', () => {
    const { open, read, call, mem } = setup();
    const [, fd] = open(3, 'a.txt');
    expect(read(fd, 5)).toEqual([0, 'hello']);
    expect(read(fd, 100)).toEqual([0, ' from a file\n']);
    expect(read(fd, 100)).toEqual([0, '']);
    mem.setU32(250, 300);
    mem.setU32(254, 10);
    expect(call('fd_pread', fd, 250, 1, 1000n, 260)).toBe(0);
    expect(mem.getU32(260)).toBe(0);
  });

  it('numbers fds from the lowest free one, and a closed fd is BADF', () => {
    const { open, call } = setup();
    expect(open(3, 'a.txt')[1]).toBe(5);
    expect(open(3, 'sub/inner.txt')[1]).toBe(6);
    expect(call('fd_close', 5)).toBe(0);
    expect(open(3, 'a.txt')[1]).toBe(5);
    expect(call('fd_close', 6)).toBe(0);
    expect(call('fd_close', 6)).toBe(8);
    expect(call('fd_filestat_get', 6, 400)).toBe(8);
  });

  it('keeps reading what it opened after the file is renamed', () => {
    const { open, read, call, mem } = setup();
    const write = (t: string): number => mem.writeUtf8(100, t);
    writeFileSync(join(rw, 'keep.txt'), 'kept bytes');
    const [, fd] = open(4, 'keep.txt');
    const from = write('keep.txt');
    const to = mem.writeUtf8(150, 'renamed.txt');
    expect(call('path_rename', 4, 100, from, 4, 150, to)).toBe(0);
    expect(read(fd, 100)).toEqual([0, 'kept bytes']);
    expect(readdirSync(rw)).toContain('renamed.txt');
  });

  it('writes and appends in a writable preopen; a directory opened for writing is ISDIR', () => {
    const { open, write, call } = setup();
    const [e, fd] = open(4, 'new.txt', { oflags: O_CREAT, rights: FD_WRITE | FD_READ });
    expect(e).toBe(0);
    expect(write(fd, 'abc')).toBe(0);
    expect(call('fd_fdstat_set_flags', fd, 1 /* APPEND */)).toBe(0);
    expect(call('fd_seek', fd, 0n, 0, 400)).toBe(0);
    expect(write(fd, 'def')).toBe(0);
    expect(readFileSync(join(rw, 'new.txt'), 'utf8')).toBe('abcdef');
    mkdirSync(join(rw, 'd'));
    expect(open(4, 'd', { rights: FD_WRITE })[0]).toBe(31);
  });

  it('stats a preopen and an opened directory as directories, a file with its size', () => {
    const { open, call, mem } = setup();
    expect(call('fd_filestat_get', 3, 400)).toBe(0);
    expect(mem.getU8(400 + 16)).toBe(3);
    const [, dir] = open(3, 'sub', { oflags: O_DIRECTORY });
    expect(call('fd_filestat_get', dir, 400)).toBe(0);
    expect(mem.getU8(400 + 16)).toBe(3);
    const [, file] = open(3, 'a.txt');
    expect(call('fd_filestat_get', file, 400)).toBe(0);
    expect(mem.getU8(400 + 16)).toBe(4);
    expect(mem.getU64(400 + 32)).toBe(18n);
    expect(call('fd_fdstat_get', file, 400)).toBe(0);
    expect(mem.getU8(400)).toBe(4);
  });

  it('answers NOENT for a missing file and NOTDIR for a file used as a directory', () => {
    const { open } = setup();
    expect(open(3, 'missing.txt')[0]).toBe(44);
    expect(open(3, 'a.txt/x')[0]).toBe(54);
    expect(open(3, 'a.txt', { oflags: O_DIRECTORY })[0]).toBe(54);
  });
});
