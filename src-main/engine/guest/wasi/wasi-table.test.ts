// preview1 called directly (no guest): table completeness, readdir cookies and truncation, records.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportCallRecord } from '../../../shared/dto.ts';
import { GuestMemory } from '../../memory/guest-memory.ts';
import { recordsTo } from '../host-call.ts';
import { createWasiPreview1, PREVIEW1_NAMES } from './index.ts';
import type { WasiConfig } from './index.ts';

let base = '';

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'memscope-wasi-table-'));
  mkdirSync(join(base, 'dir'));
  writeFileSync(join(base, 'hello.txt'), 'Hello, preview1!');
  writeFileSync(join(base, 'zzz-long-name.txt'), '');
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

type Fn = (...args: (number | bigint)[]) => number;

function setup(config: Partial<WasiConfig> = {}) {
  const memory = new WebAssembly.Memory({ initial: 1 });
  const mem = new GuestMemory(memory);
  const records: ImportCallRecord[] = [];
  const out: Uint8Array[] = [];
  const wasi = createWasiPreview1(
    {
      args: ['t.wasm'], env: [], stdin: new Uint8Array(0), deterministic: true,
      preopens: [{ guestPath: '/p', hostPath: base, writable: false }], ...config,
    },
    { stdout: (b) => out.push(b), stderr: () => {}, calls: recordsTo((r) => records.push(r)) },
    () => mem,
  );
  const call = (name: string, ...args: (number | bigint)[]): number => (wasi.imports[name] as Fn)(...args);
  const putText = (at: number, s: string): number => mem.writeUtf8(at, s);
  return { mem, records, out, call, putText, wasi };
}

/** Parses dirents out of a readdir buffer: [d_next, name, truncated?]. */
function dirents(bytes: Uint8Array): { next: bigint; name: string }[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const list: { next: bigint; name: string }[] = [];
  for (let at = 0; at + 24 <= bytes.length;) {
    const len = dv.getUint32(at + 16, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 24, Math.min(bytes.length, at + 24 + len)));
    list.push({ next: dv.getBigUint64(at, true), name });
    at += 24 + len;
  }
  return list;
}

describe('the preview1 table', () => {
  it('has all 46 functions, in spec order', () => {
    const { wasi } = setup();
    expect(Object.keys(wasi.imports)).toEqual([...PREVIEW1_NAMES]);
    expect(PREVIEW1_NAMES.length).toBe(46);
  });

  it('answers unsupported functions explicitly and records them', () => {
    const { call, records } = setup();
    expect(call('fd_allocate', 3, 0n, 10n)).toBe(58);
    expect(call('sock_accept', 3, 0, 100)).toBe(58);
    expect(call('proc_raise', 6)).toBe(52);
    expect(records.map((r) => [r.name, r.errnoName, r.binding])).toEqual([
      ['fd_allocate', 'notsup', 'wasi'], ['sock_accept', 'notsup', 'wasi'], ['proc_raise', 'nosys', 'wasi'],
    ]);
  });

  it('turns out-of-bounds pointers into EFAULT with no host exception', () => {
    const { call, records } = setup();
    expect(call('args_sizes_get', 70000, 0)).toBe(21);
    expect(call('path_open', 3, 0, 65530, 100, 0, 2n, 0n, 0, 16)).toBe(21);
    expect(records.every((r) => r.errnoName === 'fault')).toBe(true);
  });

  it('answers BADF for unknown fds and clocks', () => {
    const { call } = setup();
    expect(call('fd_write', 9, 0, 0, 16)).toBe(8);
    expect(call('clock_time_get', 3, 0n, 16)).toBe(8);
    expect(call('fd_prestat_get', 0, 16)).toBe(8);
  });
});

describe('fd_readdir', () => {
  it('synthesizes . and .., continues from a cookie, and truncates the last entry', () => {
    const { call, mem } = setup();
    const buf = 1024;
    expect(call('fd_readdir', 3, buf, 4096, 0n, 16)).toBe(0);
    const used = mem.getU32(16);
    const all = dirents(mem.read(buf, used));
    expect(all.map((d) => d.name)).toEqual(['.', '..', 'dir', 'hello.txt', 'zzz-long-name.txt']);
    expect(all.map((d) => d.next)).toEqual([1n, 2n, 3n, 4n, 5n]);

    // From cookie 3: the entries after "dir".
    expect(call('fd_readdir', 3, buf, 4096, 3n, 16)).toBe(0);
    expect(dirents(mem.read(buf, mem.getU32(16))).map((d) => d.name)).toEqual(['hello.txt', 'zzz-long-name.txt']);

    // A buffer that ends inside the second dirent: filled to the last byte (the guest retries bigger).
    const small = 24 + 1 + 10;
    expect(call('fd_readdir', 3, buf, small, 0n, 16)).toBe(0);
    expect(mem.getU32(16)).toBe(small);
    expect(dirents(mem.read(buf, small))[0].name).toBe('.');
  });

  it('records the names it listed', () => {
    const { call, records } = setup();
    call('fd_readdir', 3, 1024, 4096, 0n, 16);
    expect(records[0].detail?.names).toBe('. .. dir hello.txt zzz-long-name.txt');
    // 5 dirents: 24-byte headers plus names of 1, 2, 3, 9 and 17 bytes, then the bufused u32.
    expect(records[0].touched).toEqual([[16, 20], [1024, 1024 + 5 * 24 + 32]]);
  });
});

describe('files through the shim', () => {
  it('opens, reads, seeks and closes, recording path and touched ranges', () => {
    const { call, mem, putText, records } = setup();
    const len = putText(100, 'hello.txt');
    expect(call('path_open', 3, 0, 100, len, 0, 2n /* FD_READ */, 0n, 0, 200)).toBe(0);
    const fd = mem.getU32(200);
    expect(fd).toBe(4);
    // one iovec {buf 300, len 5} at 250
    mem.setU32(250, 300);
    mem.setU32(254, 5);
    expect(call('fd_read', fd, 250, 1, 260)).toBe(0);
    expect(mem.getU32(260)).toBe(5);
    expect(mem.readUtf8(300, 5)).toBe('Hello');
    expect(call('fd_seek', fd, -9n, 2, 264)).toBe(0);
    expect(mem.getU64(264)).toBe(7n);
    expect(call('fd_read', fd, 250, 1, 260)).toBe(0);
    expect(mem.readUtf8(300, 5)).toBe('previ');
    expect(call('fd_write', fd, 250, 1, 260)).toBe(8); // opened read-only
    expect(call('fd_close', fd)).toBe(0);
    expect(call('fd_close', fd)).toBe(8);
    const open = records[0];
    expect(open.summary).toBe('path_open(fd=3, "hello.txt") → fd 4');
    expect(open.detail?.path).toBe('hello.txt');
    expect(open.touched).toEqual([[100, 109], [200, 204]]);
    expect(records[1].touched).toEqual([[250, 258], [260, 264], [300, 305]]);
  });

  it('truncates long fd_write text in the record but notes the full length', () => {
    const { call, mem, putText, records, out } = setup();
    const text = 'x'.repeat(500);
    putText(1000, text);
    mem.setU32(100, 1000);
    mem.setU32(104, 500);
    expect(call('fd_write', 1, 100, 1, 108)).toBe(0);
    expect(out[0].length).toBe(500);
    expect(String(records[0].detail?.text).length).toBe(200);
    expect(records[0].detail?.bytes).toBe(500);
    expect(records[0].detail?.textTruncated).toBe('first 200 characters of 500 bytes');
  });
});

describe('stat', () => {
  it('stats a preopen, stdout and a path; a trailing slash on a file is NOTDIR', () => {
    const { call, mem, putText } = setup();
    expect(call('fd_filestat_get', 3, 64)).toBe(0);
    expect(mem.getU8(64 + 16)).toBe(3); // directory
    expect(call('fd_fdstat_get', 1, 200)).toBe(0);
    expect(mem.getU8(200)).toBe(1); // block device, as wazero reports stdio that is no terminal
    const len = putText(300, 'hello.txt');
    expect(call('path_filestat_get', 3, 1, 300, len, 400)).toBe(0);
    expect(mem.getU8(400 + 16)).toBe(4); // regular file
    expect(mem.getU64(400 + 32)).toBe(16n); // size of "Hello, preview1!"
    const slash = putText(300, 'hello.txt/');
    expect(call('path_open', 3, 1, 300, slash, 0, 2n, 0n, 0, 500)).toBe(54);
  });
});

describe('poll_oneoff', () => {
  it('advances virtual time by the shortest clock timeout in deterministic mode', () => {
    const { call, mem } = setup();
    const sub = (at: number, userdata: bigint, timeout: bigint): void => {
      mem.write(at, new Uint8Array(48));
      mem.setU64(at, userdata);
      mem.setU8(at + 8, 0); // clock
      mem.setU32(at + 16, 1); // monotonic
      mem.setU64(at + 24, timeout);
    };
    sub(1000, 7n, 3_000_000n);
    sub(1048, 8n, 9_000_000n);
    expect(call('poll_oneoff', 1000, 2000, 2, 16)).toBe(0);
    expect(mem.getU32(16)).toBe(1);
    expect(mem.getU64(2000)).toBe(7n);
    expect(call('clock_time_get', 1, 0n, 24)).toBe(0);
    expect(mem.getU64(24)).toBe(3_000_000n);
  });
});
