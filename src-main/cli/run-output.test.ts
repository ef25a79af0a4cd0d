// `memscope run` with a guest that writes a lot, exits early, or whose reader goes away
// (issue 13, items 4, 12, 13, 17), as real processes.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'memscope.js');
const SPEW = join(ROOT, 'src-main', 'testdata', 'spew.wasm');
const HOST = join(ROOT, 'src-main', 'engine', 'host', 'testdata', 'host.wasm');
const MIB = 1 << 20;
const dir = mkdtempSync(join(tmpdir(), 'memscope-run-output-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sequence(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** Runs memscope under /usr/bin/time; peakRss is the process's maximum resident set. */
function measured(args: string[], stdout: 'pipe' | 'ignore' = 'pipe'): { status: number | null; stdout: string; stderr: string; peakRss: number } {
  const rssFile = join(dir, 'rss');
  const r = spawnSync('/usr/bin/time', ['-f', '%M', '-o', rssFile, process.execPath, BIN, ...args], {
    encoding: 'utf8', maxBuffer: 64 * MIB, timeout: 240_000, stdio: ['ignore', stdout, 'pipe'],
  });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr, peakRss: Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1)) * 1024 };
}

describe('memscope run and guest output', () => {
  it('--json keeps a head and a tail of 590 MiB of stdout with the count left out; --output-dir has it all', () => {
    const blocks = 9440; // × 64 KiB = 590 MiB
    const seq = sequence('flood.wseq', `module "${SPEW}"\ntimeout 600000\nspew(${blocks})\nspew_err(1)\n`);
    const out = join(dir, 'streams');
    const r = measured(['run', '--json', '--output-dir', out, seq]);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout) as { ok: boolean; stdout: string; stdoutTail?: string; stdoutOmittedBytes?: number; stderr: string; stderrOmittedBytes?: number };
    expect(json.ok).toBe(true);
    expect(json.stdout.length).toBe(1 * MIB);
    expect(json.stdoutTail?.length).toBe(1 * MIB);
    expect(json.stdoutOmittedBytes).toBe(blocks * 65536 - 2 * MIB);
    expect(json.stderr.length).toBe(65536);
    expect(json.stderrOmittedBytes).toBeUndefined();
    expect(statSync(join(out, 'stdout')).size).toBe(blocks * 65536);
    expect(statSync(join(out, 'stderr')).size).toBe(65536);
    rmSync(out, { recursive: true });
    if (process.env.MEMSCOPE_FIGURES) console.log(`run --json 590 MiB: peak RSS ${(r.peakRss / MIB).toFixed(0)} MiB`);
    expect(r.peakRss).toBeLessThan(600 * MIB);
  }, 300_000);

  it('streams text output without holding it', () => {
    const seq = sequence('text.wseq', `module "${SPEW}"\ntimeout 600000\nspew(9440)\n`);
    const r = measured(['run', seq], 'ignore');
    expect(r.status).toBe(0);
    if (process.env.MEMSCOPE_FIGURES) console.log(`run (text) 590 MiB: peak RSS ${(r.peakRss / MIB).toFixed(0)} MiB`);
    expect(r.peakRss).toBeLessThan(600 * MIB);
  }, 300_000);

  it('proc_exit(0) before the last step is success in --json too', () => {
    const seq = sequence('exit0.wseq', `module "${HOST}"\nquit(0)\nquit(1)\n`);
    const r = measured(['run', '--json', seq]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, exitCode: 0, notRun: 1 });
  });

  it('proc_exit(0) before the last step: the summary says how many steps did not run, and why', () => {
    const seq = sequence('exit0-text.wseq', `module "${HOST}"\nquit(0)\nquit(1)\nexpect 1 == 2\n`);
    const r = measured(['run', seq]);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').at(-2)).toBe('✓ 1 step ok, 2 steps not run (the guest exited), exit code 0');
    // The listing names the lines it left, once, in `memscope heap`'s words; --json has them too.
    const left = r.stdout.split('\n').filter((l) => l.includes('not run'));
    expect(left).toEqual(['     – lines 3, 4: not run (line 2 called proc_exit(0): the guest exited)', '✓ 1 step ok, 2 steps not run (the guest exited), exit code 0']);
    expect(JSON.parse(measured(['run', '--json', seq]).stdout)).toMatchObject({ notRun: 2, notRunLines: [3, 4] });
    // Every step ran: no count of steps not run, in text or JSON.
    const all = sequence('exit0-last.wseq', `module "${HOST}"\nquit(0)\n`);
    expect(measured(['run', all]).stdout.split('\n').at(-2)).toBe('✓ 1 step ok, exit code 0');
    expect(JSON.parse(measured(['run', '--json', all]).stdout)).not.toHaveProperty('notRun');
  });

  it('a failing proc_exit names the one step it left, and a long tail by its first and last line', () => {
    const one = measured(['run', sequence('exit3.wseq', `module "${HOST}"\nquit(3)\nquit(1)\n`)]);
    expect(one.status).toBe(1);
    expect(one.stdout).toContain('\n     – line 3: not run (line 2 called proc_exit(3): the guest exited)\n');
    const many = measured(['run', sequence('exit-many.wseq', `module "${HOST}"\nquit(0)\n${'quit(1)\n# between\n'.repeat(6)}`)]);
    expect(many.stdout).toContain('\n     – lines 3 to 13 (6 steps): not run (line 2 called proc_exit(0): the guest exited)\n');
  });

  it('the longest --timeout (a day, as the `timeout` directive\'s) runs instead of failing at once', () => {
    const seq = sequence('t.wseq', `module "${SPEW}"\nspew(1)\n`);
    const r = measured(['run', '--json', '--timeout', '86400000', seq]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('a line the guest left open ends before the next line of ours, and the guest\'s bytes are all there', () => {
    // spew writes 64 KiB of 'x' and no newline.
    const seq = sequence('open-line.wseq', `module "${SPEW}"\nspew(1)\nspew(1)\n`);
    const r = measured(['run', seq]);
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.filter((l) => /^x+$/.test(l)).map((l) => l.length)).toEqual([65536, 65536]);
    expect(lines.filter((l) => /^ +\d+ ✓ spew\(1\)$/.test(l))).toEqual(['   2 ✓ spew(1)', '   3 ✓ spew(1)']);
  });

  it('ends quietly when its reader goes away (| head)', () => {
    const seq = sequence('head.wseq', `module "${SPEW}"\nspew(256)\n`);
    const r = spawnSync('bash', ['-o', 'pipefail', '-c', `"${process.execPath}" "${BIN}" run "${seq}" | head -c 100 >/dev/null`], { encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(141);
  });
});
