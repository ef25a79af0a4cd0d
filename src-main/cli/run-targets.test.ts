// `memscope run` refuses, before anything runs, files it could not write or should not: its own
// inputs, one FILE for two options, a missing or non-directory parent, a directory as FILE.

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memscope } from './testing/memscope-cli.ts';
import { PACKAGE_ROOT } from '../paths.ts';

const BIN = join(PACKAGE_ROOT, 'bin/memscope.js');
const TRAP = join(PACKAGE_ROOT, 'resources/examples/trap');

function setUp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'memscope-run-targets-'));
  copyFileSync(join(TRAP, 'trap.wasm'), join(dir, 'trap.wasm'));
  writeFileSync(join(dir, 'ok.wseq'), 'module "trap.wasm"\nwrite u32 10 @ 256\navg = report(256, 1)\n');
  mkdirSync(join(dir, 'sub'));
  return dir;
}

function run(dir: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = memscope(['run', 'ok.wseq', ...args], { cwd: dir });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('memscope run: where --snapshot, --coredump and --output-dir write', () => {
  it('refuses "-", which reads as standard output but was written as a file named "-"', () => {
    const dir = setUp();
    for (const option of ['--snapshot', '--coredump', '--output-dir']) {
      const r = run(dir, option, '-');
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`${option} -: that would write a file named "-", not standard output; name a file (./- for that one)`);
      expect(() => statSync(join(dir, '-'))).toThrow();
    }
    const named = run(dir, '--snapshot', './-');
    expect(named.status).toBe(0);
    expect(statSync(join(dir, '-')).isFile()).toBe(true);
  });
  it('never overwrites the sequence or the module, and says so before running', () => {
    const dir = setUp();
    const seq = readFileSync(join(dir, 'ok.wseq'));
    const mod = readFileSync(join(dir, 'trap.wasm'));
    const a = run(dir, '--snapshot', './ok.wseq');
    expect(a.status).toBe(2);
    expect(a.stderr).toContain('--snapshot ./ok.wseq is the sequence file; it would be overwritten');
    expect(a.stdout).toBe('');
    const b = run(dir, '--coredump', 'trap.wasm');
    expect(b.status).toBe(2);
    expect(b.stderr).toContain('--coredump trap.wasm is the module file; it would be overwritten');
    expect(readFileSync(join(dir, 'ok.wseq'))).toEqual(seq);
    expect(readFileSync(join(dir, 'trap.wasm'))).toEqual(mod);
  });

  it('never overwrites the glue .js a minified module takes its names from', () => {
    const dir = mkdtempSync(join(tmpdir(), 'memscope-run-targets-glue-'));
    const from = join(PACKAGE_ROOT, 'src-main/engine/host/testdata/emscripten-runtime');
    for (const f of ['greet-min.wasm', 'greet-min.js', 'greet-min.wseq']) copyFileSync(join(from, f), join(dir, f));
    const glue = readFileSync(join(dir, 'greet-min.js'));
    const r = memscope(['run', 'greet-min.wseq', '--coredump', 'greet-min.js'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--coredump greet-min.js is the glue file; it would be overwritten');
    expect(readFileSync(join(dir, 'greet-min.js'))).toEqual(glue);
  });

  it('refuses one file for --snapshot and --coredump, but not /dev/null for both', () => {
    const dir = setUp();
    const r = run(dir, '--snapshot', 'x.msnap', '--coredump', join(dir, 'x.msnap'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('name the same file');
    expect(run(dir, '--snapshot', '/dev/null', '--coredump', '/dev/null').status).toBe(0);
  });

  it('refuses a missing directory, a directory as FILE and a file as DIR before any step runs, in words', () => {
    const dir = setUp();
    const missing = run(dir, '--snapshot', 'nowhere/x.msnap');
    expect(missing.status).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/--snapshot nowhere\/x\.msnap: cannot write in .*nowhere: no such file or directory/);
    const isDir = run(dir, '--json', '--coredump', 'sub');
    expect(isDir.status).toBe(2);
    expect(JSON.parse(isDir.stdout)).toMatchObject({ ok: false, errors: [{ code: 'usage', message: '--coredump sub: is a directory' }] });
    const fileAsDir = run(dir, '--snapshot', 'ok.wseq/x');
    expect(fileAsDir.stderr).toMatch(/--snapshot ok\.wseq\/x: .*ok\.wseq is not a directory/);
    // A FILE in the directory --output-dir makes is fine.
    expect(run(dir, '--output-dir', 'new', '--snapshot', 'new/s.msnap').status).toBe(0);
    expect(statSync(join(dir, 'new/s.msnap')).size).toBeGreaterThan(0);
    const outFile = run(dir, '--output-dir', 'trap.wasm');
    expect(outFile.status).toBe(2);
    expect(outFile.stderr).toContain('--output-dir trap.wasm: not a directory');
  });

  it('still writes its files when the reader of stdout goes away (| head -1), then exits 141', () => {
    const dir = setUp();
    const spew = join(PACKAGE_ROOT, 'src-main/testdata/spew.wasm');
    writeFileSync(join(dir, 'spew.wseq'), `module "${spew}"\ntimeout 600000\nspew(160)\n`);
    // The reader reads a little late, so the guest is held for a drain when it goes away.
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" run spew.wseq --snapshot s.msnap --coredump s.core --output-dir out | (sleep 0.5; head -c 10 >/dev/null); echo "\${PIPESTATUS[0]}"`], { encoding: 'utf8', cwd: dir, timeout: 60_000 });
    expect(r.stdout.trim()).toBe('141');
    expect(statSync(join(dir, 'out/stdout')).size).toBe(160 * 65536);
    expect(statSync(join(dir, 's.msnap')).size).toBeGreaterThan(0);
    expect(statSync(join(dir, 's.core')).size).toBeGreaterThan(0);
  });

  it('a file that cannot be written at the end fails the run: no "✓", "ok": false, and the other file still written', () => {
    const dir = setUp();
    // /dev/full passes every check before the run and fails the write (ENOSPC) after it.
    const text = run(dir, '--snapshot', '/dev/full', '--coredump', 'c.core');
    expect(text.status).toBe(2);
    expect(text.stdout).toContain('✗ 2 steps ok; the snapshot not written\n');
    expect(text.stdout).not.toContain('✓ 2 steps ok');
    expect(text.stderr).toContain('memscope run: cannot write snapshot /dev/full: ENOSPC');
    expect(statSync(join(dir, 'c.core')).size).toBeGreaterThan(0);
    const json = run(dir, '--json', '--snapshot', '/dev/full');
    expect(json.status).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, errors: [{ code: 'io', where: { file: '/dev/full' } }] });
  });
});
