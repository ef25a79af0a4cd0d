// preview1 end to end: the C probe (testdata/probe.c) run against our imports and a real temp tree.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProbe } from './probe-harness.ts';
import type { WasiConfig } from './index.ts';

let base = '';
let ro = '';
let rw = '';

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'memscope-wasi-'));
  ro = join(base, 'ro');
  rw = join(base, 'rw');
  mkdirSync(join(ro, 'sub'), { recursive: true });
  mkdirSync(rw);
  writeFileSync(join(ro, 'a.txt'), 'hello from a file\n');
  writeFileSync(join(ro, 'b.txt'), 'bee\n');
  writeFileSync(join(base, 'secret.txt'), 'outside the preopen\n');
  symlinkSync('../secret.txt', join(ro, 'escape'));
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

const preopens = (): WasiConfig['preopens'] => [
  { guestPath: '/data', hostPath: ro, writable: false },
  { guestPath: '/out', hostPath: rw, writable: true },
];

describe('args and environment', () => {
  it('shows exactly the configured argv and env', async () => {
    const r = await runProbe(['args', 'x y'], { env: ['GREETING=hi', 'EMPTY='] });
    expect(r.stdout).toBe('argc=3\narg probe.wasm\narg args\narg x y\nenv GREETING=hi\nenv EMPTY=\n');
  });

  it('never shows the host environment by default', async () => {
    process.env.MEMSCOPE_HOST_SECRET = 'do-not-leak';
    try {
      const r = await runProbe(['args']);
      expect(r.stdout).toBe('argc=2\narg probe.wasm\narg args\n');
      expect(r.stdout).not.toContain('do-not-leak');
    } finally {
      delete process.env.MEMSCOPE_HOST_SECRET;
    }
  });
});

describe('filesystem', () => {
  it('reads a file from a read-only preopen and records the path', async () => {
    const r = await runProbe(['cat', '/data/a.txt'], { preopens: preopens() });
    expect(r.stdout).toBe('hello from a file\n');
    const open = r.records.find((x) => x.name === 'path_open');
    expect(open?.detail?.path).toBe('a.txt');
    expect(open?.errnoName).toBe('success');
    expect(open?.summary).toContain('"a.txt"');
  });

  it('refuses every write to a read-only preopen with PERM (63)', async () => {
    const r = await runProbe(['deny', '/data', '/data/a.txt'], { preopens: preopens() });
    expect(r.stdout).toContain('create 63\nwriteopen 63\nunlink 63\nmkdir 63\n');
    expect(readFileSync(join(ro, 'a.txt'), 'utf8')).toBe('hello from a file\n');
    expect(existsSync(join(ro, 'new.txt'))).toBe(false);
    expect(existsSync(join(ro, 'd'))).toBe(false);
  });

  it('denies paths that leave the preopen: .., absolute, symlink out', async () => {
    const r = await runProbe(['deny', '/data', '/data/a.txt'], { preopens: preopens() });
    expect(r.stdout).toContain('dotdot 63\n');
    // wasi-libc finds no preopen for /etc and answers ENOTCAPABLE itself.
    expect(r.stdout).toContain('outside 76\n');
    expect(r.stdout).toContain('symlink 63\n');
    const esc = r.records.find((x) => x.name === 'path_open' && x.detail?.path === 'escape');
    expect(esc?.errnoName).toBe('perm');
  });

  it('sees no files at all without preopens', async () => {
    const r = await runProbe(['cat', '/data/a.txt']);
    // wasi-libc finds no preopen for the path and answers ENOTCAPABLE (76) without calling us.
    expect(r.stdout).toBe('open /data/a.txt: errno 76\n');
    expect(r.records.some((x) => x.name === 'path_open')).toBe(false);
  });

  it('lists a directory with . and .., sorted, with types', async () => {
    const r = await runProbe(['ls', '/data'], { preopens: preopens() });
    // wasi-libc's d_type values are the WASI filetypes: 3 directory, 4 regular file, 7 symlink.
    expect(r.stdout).toBe('. 3\n.. 3\na.txt 4\nb.txt 4\nescape 7\nsub 3\n');
  });

  it('creates, seeks, appends, renames and removes in a writable preopen', async () => {
    const r = await runProbe(['fsops', '/out'], { preopens: preopens() });
    expect(r.stdout).toBe([
      'mkdir 0', 'wrote 10', 'lseek 4', 'read 3 456', 'tell 7', 'end 8', 'pread 2', 'append 2',
      'stat 0 size 12', 'excl 20', 'rename 0', 'gone 44', 'unlink 0', 'rmdir 0', '',
    ].join('\n'));
  });

  it('writes a file that the host can read', async () => {
    const r = await runProbe(['write', '/out/note.txt', 'written by the guest'], { preopens: preopens() });
    expect(r.stdout).toBe('wrote 20\n');
    expect(readFileSync(join(rw, 'note.txt'), 'utf8')).toBe('written by the guest');
  });
});

describe('stdio and process', () => {
  it('delivers stdout and stderr chunks in call order, and records the text', async () => {
    const r = await runProbe(['order']);
    expect(r.chunks).toEqual([
      ['stdout', 'out1\n'], ['stderr', 'err1\n'], ['stdout', 'out2\n'], ['stderr', 'err2\n'],
    ]);
    const writes = r.records.filter((x) => x.name === 'fd_write');
    expect(writes.map((w) => w.detail?.text)).toEqual(['out1\n', 'err1\n', 'out2\n', 'err2\n']);
    expect(writes[0].summary).toBe('fd_write(fd=1, "out1\\n") → 5 bytes');
    expect(writes[0].touched?.length).toBeGreaterThan(0);
  });

  it('reads stdin from the configured bytes only', async () => {
    const r = await runProbe(['stdin'], { stdin: new TextEncoder().encode('typed input') });
    expect(r.stdout).toBe('stdin 11 [typed input]\n');
    const empty = await runProbe(['stdin']);
    expect(empty.stdout).toBe('stdin 0 []\n');
  });

  it('proc_exit(3) unwinds the guest with ProcExit code 3 and is recorded', async () => {
    const r = await runProbe(['exit', '3']);
    expect(r.exitCode).toBe(3);
    expect(r.stdout).toBe('exiting\n');
    const exit = r.records.at(-1);
    expect(exit?.name).toBe('proc_exit');
    expect(exit?.detail?.code).toBe(3);
  });

  it('answers NOSYS for proc_raise and records it', async () => {
    const r = await runProbe(['raise']);
    expect(r.stdout).toBe('proc_raise 52\n');
    expect(r.records.find((x) => x.name === 'proc_raise')?.errnoName).toBe('nosys');
  });

  it('answers EFAULT (21) for pointers outside memory instead of throwing', async () => {
    const r = await runProbe(['fault']);
    expect(r.stdout).toBe('random_get 21\nfd_write 21\n');
    expect(r.records.find((x) => x.name === 'random_get')?.errnoName).toBe('fault');
  });
});

describe('clocks and random', () => {
  it('are reproducible in deterministic mode', async () => {
    const a = await runProbe(['clock'], { deterministic: true });
    const b = await runProbe(['clock'], { deterministic: true });
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toContain('real 1704067200.000000000 1704067200.001000000\n');
    // monotonic: read at 2 ms, then a 5 ms sleep advances virtual time, then read again
    expect(a.stdout).toContain('mono 0.002000000 0.008000000\n');
    expect(a.stdout).toContain('badclock 8\n');
  });

  it('are real otherwise: wall clock near now, random differs between runs', async () => {
    const a = await runProbe(['clock']);
    const b = await runProbe(['clock']);
    const real = Number(/real (\d+)\./.exec(a.stdout)?.[1]);
    expect(Math.abs(real - Date.now() / 1000)).toBeLessThan(60);
    const mono = /mono (\d+)\.(\d+) (\d+)\.(\d+)/.exec(a.stdout)!;
    const slept = (Number(mono[3]) - Number(mono[1])) * 1e9 + Number(mono[4]) - Number(mono[2]);
    expect(slept).toBeGreaterThanOrEqual(5_000_000);
    const rnd = (s: string): string | undefined => /random(.*)\n/.exec(s)?.[1];
    expect(rnd(a.stdout)).not.toBe(rnd(b.stdout));
  });
});
