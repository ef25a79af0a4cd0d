// `memscope export-host --lang js` on the edges of what `memscope run` does: guest output that
// leaves a line open, a trap in a function the name section does not name, a module with no
// memory or with a function exported as "memory", a binding named __proto__ (refused), a step that
// never returns. Modules:
// testdata/edges/*.wat, and a clang-19 reactor that calls exit() (../cli/testdata/exit-leak.c).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memscope } from '../cli/testing/memscope-cli.ts';
import { hostFailure, type RunStep } from './testing/run-failure.ts';

const EDGES = join(import.meta.dirname, 'testdata/edges');
const OUT = mkdtempSync(join(tmpdir(), 'memscope-export-js-edges-'));

const node = (args: string[]) => spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 60_000 });

/** The sequence written, exported and run both ways: the program's output and run's JSON. */
function both(name: string, module: string, steps: string) {
  const seq = join(OUT, `${name}.wseq`);
  writeFileSync(seq, `module "${resolve(EDGES, module)}"\n${steps}`);
  const program = join(OUT, `${name}.mjs`);
  const exported = memscope(['export-host', seq, '--lang', 'js', '--out', program]);
  expect(exported.status, exported.stderr).toBe(0);
  const reference = memscope(['run', seq, '--json']);
  return { ran: node([program]), reference: { status: reference.status, ...JSON.parse(reference.stdout) } };
}
/** The program's failure lines (node:wasi's ExperimentalWarning aside). */
const failures = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('✗'));
/** The message of run's failed step, as the program words it (inPart: see hostFailure). */
const runFailure = (reference: { steps: RunStep[] }, inPart = false) => reference.steps.filter((s) => !s.ok).map((s) => hostFailure(s, { inPart }));

describe('export-host --lang js at the edges', () => {
  it.each([["at run's default time limit", ''], ['at its own (timeout N)', 'timeout 5000\n']])(
    'guest stdout without a trailing newline, %s: the next binding line and the JSON line start lines of their own, in order (they ran on: "no newlinen = 0")',
    (_how, timeout) => {
      const { ran, reference } = both(`open-line${timeout ? '-timeout' : ''}`, 'edges.wasm', `${timeout}x = id32(5)\nn = say()\ny = id32(6)\n_ = say()\n`);
      expect(ran.status, ran.stderr).toBe(reference.status);
      expect(ran.stdout).toBe(`x = 5\nno newline\nn = 0\ny = 6\nno newline\n${JSON.stringify(reference.bindings)}\n`);
    });

  it('a failure line on stderr after guest output starts a line of its own, after that output (a worker\'s output came after it)', () => {
    const { ran, reference } = both('open-line-fail', 'edges.wasm', 'timeout 5000\nn = say()\nboom()\n');
    expect(ran.status).toBe(1);
    expect(ran.stdout).toBe(`no newline\nn = 0\n${JSON.stringify(reference.bindings)}\n`);
    expect(failures(ran.stderr)).toEqual(runFailure(reference));
  });

  it('a trap in a function the name section does not name: by its export name, as run names it (was "in func[3]")', () => {
    const { ran, reference } = both('unnamed-trap', 'edges.wasm', 'boom()\n');
    expect(runFailure(reference)).toEqual(['✗ line 2:1: boom(): trap: unreachable in boom']);
    expect(ran.status).toBe(1);
    expect(failures(ran.stderr)).toEqual(runFailure(reference));
  });

  it('a trap in a function whose name has spaces (C++\'s "void f(int, int)"): that function, not the frame below it (was "in func[4]", its caller)', () => {
    // edges.wasm with a name section naming boom (function 3) so; wat2wasm 1.0.32 writes no such name.
    const name = Buffer.from('void f(int, int)');
    const names = Buffer.from([1, name.length + 3, 1, 3, name.length, ...name]);
    const section = Buffer.concat([Buffer.from([4]), Buffer.from('name'), names]);
    writeFileSync(join(OUT, 'spaced.wasm'), Buffer.concat([readFileSync(join(EDGES, 'edges.wasm')), Buffer.from([0, section.length]), section]));
    const { ran, reference } = both('spaced-name', join(OUT, 'spaced.wasm'), 'deep()\n');
    expect(runFailure(reference)).toEqual(['✗ line 2:1: deep(): trap: unreachable in void f(int, int)']);
    expect(failures(ran.stderr)).toEqual(runFailure(reference));
  });

  it('a module with no memory: a read or write fails in run\'s words (was "Cannot read properties of undefined")', () => {
    for (const step of ['y = read u8 @ 0', 'write u8 1 @ 0']) {
      const { ran, reference } = both('no-memory', 'no-memory.wasm', `x = add(2, 3)\n${step}\n`);
      expect(reference.status).toBe(1);
      expect(ran.status).toBe(1);
      expect(failures(ran.stderr)).toEqual(runFailure(reference, true));
      expect(ran.stdout.trim().split('\n').at(-1)).toBe(JSON.stringify(reference.bindings));
    }
  });

  it('an imported memory beside a function exported as "memory", grown in a call: reads and writes reach the memory (the function was taken for it)', () => {
    const { ran, reference } = both('imported-memory', 'imported-memory.wasm',
      'm = memory()\nold = grow(1)\npoke(131068, 77)\nv = read u32 @ 131068\nw = read u32 @ 131072\n');
    expect(reference.bindings).toEqual({ m: 42, old: 1, v: 77 });
    expect(ran.status).toBe(1);
    expect(failures(ran.stderr)).toEqual(runFailure(reference, true));
    expect(ran.stdout.trim().split('\n').at(-1)).toBe(JSON.stringify(reference.bindings));
  });

  it('a failed expect on a float of -0 says -0, as run says it (the program said "z is 0")', () => {
    const { ran, reference } = both('negative-zero', 'edges.wasm', 'z = -0.0\nexpect z == 1\n');
    expect(ran.status).toBe(1);
    expect(failures(ran.stderr)).toEqual(['✗ line 3:8: expect z == 1: expected z == 1, but z is -0']);
    expect(failures(ran.stderr)).toEqual(runFailure(reference));
  });

  it.each([['its own `timeout 300`', 'timeout 300\n'], ['run\'s default limit, with no `timeout` line', '']])(
    'a step that never returns is stopped at %s, said in run\'s words, exit 1 (without a line the program spun forever; with one it said "ran past the time limit")',
    (_how, timeout) => {
      const { ran, reference } = both(`spin${timeout ? '-timeout' : ''}`, 'edges.wasm', `${timeout}x = id32(5)\nspin()\ny = id32(6)\n`);
      expect(reference.status).toBe(1);
      expect(ran.status).toBe(1);
      expect(failures(ran.stderr)).toEqual(runFailure(reference));
      expect(ran.stdout).toBe(`x = 5\n${JSON.stringify(reference.bindings)}\n`);
    });

  it('proc_exit with a code past i32\'s range (exit(-1)): said unsigned, as run says it ("proc_exit(4294967295)"; the program said -1), the steps after it not run', () => {
    // A reactor from clang-19 (cli testdata): quit(code) calls exit(code).
    const { ran, reference } = both('exit-negative', resolve(import.meta.dirname, '../cli/testdata/exit-leak.wasm'), 'p = keep(16)\nquit(-1)\nq = keep(8)\n');
    expect(reference.status).toBe(1);
    expect(ran.status).toBe(1);
    expect(runFailure(reference)).toEqual(['✗ line 3:1: quit(-1): the guest called proc_exit(4294967295)']);
    expect(failures(ran.stderr)).toEqual(runFailure(reference));
    expect(ran.stdout.trim().split('\n').at(-1)).toBe(JSON.stringify(reference.bindings));
  });

  it('a binding or a struct field named __proto__ is refused before anything is written, as run refuses it (the program failed: "\'+\' does not apply to a struct and an integer")', () => {
    for (const steps of ['__proto__ = 7\n', 's = read {__proto__: u32, y: u32} @ 0\n']) {
      const seq = join(OUT, 'proto.wseq');
      writeFileSync(seq, `module "${resolve(EDGES, 'edges.wasm')}"\n${steps}`);
      const exported = memscope(['export-host', seq, '--lang', 'js', '--out', join(OUT, 'proto.mjs')]);
      const ran = memscope(['run', seq]);
      expect([exported.status, ran.status]).toEqual([2, 2]);
      for (const out of [exported.stderr, ran.stderr]) expect(out).toContain("'__proto__' cannot be a name in a sequence");
    }
  });
});
