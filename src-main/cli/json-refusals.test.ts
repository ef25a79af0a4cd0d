// With --json, every refusal is one JSON object on stdout, whatever refused: a command line
// (an unknown option, a bad value) printed nothing there, and so did an --output-dir that could
// not be made (a dangling link's child), or hung the run first (/proc/x: Node's recursive mkdir
// loops there). And every object says its verdict as `ok`, as the exit status does: heap's and
// snapshot's had none, so `if (!json.ok)` read their success as a failure.

import { copyFileSync, existsSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memscope } from './testing/memscope-cli.ts';
import { PACKAGE_ROOT } from '../paths.ts';

const TRAP = join(PACKAGE_ROOT, 'resources/examples/trap');

describe('--json refusals of the command line', () => {
  const cases: [string, string[], string][] = [
    ['run', ['run', 'x.wseq', '--json', '--bogus'], 'unknown option --bogus'],
    ['run', ['run', '--json', 'x.wseq', '--timeout', 'abc'], '--timeout takes a time limit in milliseconds (1 to 86400000), not "abc"'],
    ['heap', ['heap', 'x.wseq', '--json', '--step', 'x'], '--step takes a step count (0 or more), not "x"'],
    ['snapshot', ['snapshot', '--json'], 'no snapshot file given'],
    ['inspect', ['inspect', '--json', '--jsn'], 'unknown option --jsn (did you mean --json?)'],
  ];
  for (const [command, args, why] of cases) {
    it(`${command}: ${why}`, () => {
      const r = memscope(args);
      expect(r.status).toBe(2);
      expect(JSON.parse(r.stdout)).toEqual({ ok: false, errors: [{ code: 'usage', message: why }] });
      expect(r.stderr.split('\n')[0]).toBe(`memscope ${command}: ${why}`);
      // Without --json (or with it after `--`, an argument there) stdout stays empty.
      const text = memscope(args.filter((a) => a !== '--json'));
      expect({ status: text.status, stdout: text.stdout }).toEqual({ status: 2, stdout: '' });
    });
  }

  it('a --json after -- is an argument, not the option', () => {
    const r = memscope(['run', '--bogus', '--', '--json']);
    expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 2, stdout: '' });
  });
});

describe('run --output-dir that cannot be made', () => {
  function setUp(): string {
    const dir = mkdtempSync(join(tmpdir(), 'memscope-json-refusals-'));
    copyFileSync(join(TRAP, 'trap.wasm'), join(dir, 'trap.wasm'));
    writeFileSync(join(dir, 'ok.wseq'), 'module "trap.wasm"\nwrite u32 10 @ 256\n');
    symlinkSync(join(dir, 'nothing-here'), join(dir, 'dangling'));
    return dir;
  }

  const outputDirs = ['dangling/out', ...(existsSync('/proc/self') ? ['/proc/memscope-nope'] : [])];
  for (const out of outputDirs) {
    it(`${out}: refused at once, and said on stdout as JSON`, () => {
      const dir = setUp();
      const r = memscope(['run', 'ok.wseq', '--json', '--output-dir', out], { cwd: dir });
      const message = `cannot write output to ${out}: no such file or directory`;
      expect({ status: r.status, signal: r.signal, stderr: r.stderr }).toEqual({ status: 2, signal: undefined, stderr: `memscope run: ${message}\n` });
      expect(JSON.parse(r.stdout)).toEqual({ ok: false, errors: [{ code: 'io', message, where: { file: out } }] });
    });
  }
});

describe('`ok` is the exit status\'s verdict', () => {
  it('heap --json: true after a clean run, false after a failed step', () => {
    const clean = memscope(['heap', '--json', join(PACKAGE_ROOT, 'resources/examples/c-struct/c-struct.wseq')]);
    expect([clean.status, JSON.parse(clean.stdout).ok]).toEqual([0, true]);
    const failed = memscope(['heap', '--json', join(TRAP, 'trap.wseq')]);
    expect([failed.status, JSON.parse(failed.stdout).ok]).toEqual([1, false]);
  });

  it('snapshot --json: true for a snapshot, a raw dump and a coredump', () => {
    const dir = mkdtempSync(join(tmpdir(), 'memscope-json-ok-'));
    const written = memscope(['run', join(TRAP, 'trap.wseq'), '--snapshot', join(dir, 'm.msnap'), '--coredump', join(dir, 'c.core.wasm')]);
    expect(written.status).toBe(1);
    expect(memscope(['run', join(TRAP, 'trap.wseq'), '--snapshot', join(dir, 'r.bin')]).status).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(['c.core.wasm', 'm.msnap', 'r.bin']);
    for (const file of ['m.msnap', 'r.bin', 'c.core.wasm']) {
      const r = memscope(['snapshot', '--json', join(dir, file)]);
      expect([file, r.status, JSON.parse(r.stdout).ok]).toEqual([file, 0, true]);
    }
  });
});
