// `memscope heap` on the teaching demos through the real CLI: the map and live blocks as text
// and as JSON, part way (--step N) and at the end, and its usage errors.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memscope } from './testing/memscope-cli.ts';
import { PACKAGE_ROOT } from '../paths.ts';

/** `memscope heap ARGS`. */
const heap = (args: string[]) => memscope(['heap', ...args]);
const WHO_FREES = join(PACKAGE_ROOT, 'resources/examples/heap-who-frees/who-frees-leak.wseq');

describe('memscope heap', () => {
  it('after 4 steps: the map bands and both live blocks with owner and line', () => {
    const r = heap(['--step', '4', WHO_FREES]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('after 4 of 8 steps');
    expect(r.stdout).toMatch(/0x400 \.\. 0x[0-9a-f]+ +\d+ B  data/);
    expect(r.stdout).toMatch(/stack +stack \(free, grows down from 0x10600/);
    expect(r.stdout).toMatch(/heap-unused dlmalloc \(wasi-libc\): free, at the top of the heap \(in no block now\)/);
    expect(r.stdout).toMatch(/0x10610 +12 B {2}host +16 {2}host malloc/);
    expect(r.stdout).toMatch(/0x10620 +28 B {2}guest +18 {2}make_greeting/);
    expect(r.stdout).toContain('2 blocks (40 B) allocated by the steps so far and not freed yet');
  });

  it('--json at the end: the leak, the map and the stack pointer', () => {
    const r = heap(['--json', WHO_FREES]);
    expect(r.status).toBe(1); // the demo's `expect no leaks` fails on purpose
    const json = JSON.parse(r.stdout) as { leaks: unknown[]; map: { kind: string }[]; stackPointer: number; walker: string };
    expect(json.walker).toBe('dlmalloc');
    expect(json.leaks).toEqual([expect.objectContaining({ size: 28, owner: 'guest', line: 18, pointedFrom: null })]);
    expect(json.map.map((b) => b.kind)).toEqual(['data', 'stack', 'heap', 'heap-unused', 'heap']);
    expect(json.stackPointer).toBe(0x10600);
  });

  it('a failed step: the text says which line and why, --json says so in "failed" (it read as a clean run)', () => {
    const r = heap([WHO_FREES]);
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe(`memscope heap ${WHO_FREES}: after 8 of 8 steps (line 27 failed: expect-failed: expected no leaks since mark "greeting", `
      + 'but 1 block is still live and nothing in use points to it: 28 B at 0x10620 (line 18, guest in make_greeting))');
    const json = heap(['--json', WHO_FREES]);
    expect(json.status).toBe(1);
    expect((JSON.parse(json.stdout) as { failed?: unknown }).failed).toEqual({
      step: 7, line: 27, code: 'expect-failed',
      message: 'expected no leaks since mark "greeting", but 1 block is still live and nothing in use points to it: 28 B at 0x10620 (line 18, guest in make_greeting)',
    });
    // A clean run has no "failed".
    expect(JSON.parse(heap(['--json', '--step', '4', WHO_FREES]).stdout)).not.toHaveProperty('failed');
  });

  it('lists the heap problems the steps found, each with its line, in text and in JSON', () => {
    const demo = join(PACKAGE_ROOT, 'resources/examples/heap-double-free/double-free.wseq');
    const r = heap([demo]);
    expect(r.status).toBe(0);
    const text = r.stdout.split('\n');
    const at = text.indexOf('heap problems (2):');
    expect(at).toBeGreaterThan(0);
    expect(text[at + 1]).toMatch(/^  line 20: double free of 0x500848: .* already freed at line 16/);
    expect(text[at + 2]).toMatch(/^  line 25: double-alloc: malloc returned 0x500848, .* the double free at line 20 put it on the free list twice$/);
    const json = JSON.parse(heap(['--json', demo]).stdout) as { problems: { step: number; line: number; kind: string; address: number }[] };
    expect(json.problems.map(({ step, line, kind, address }) => [step, line, kind, address])).toEqual([[3, 20, 'double-free', 0x500848], [5, 25, 'double-alloc', 0x500848]]);
    // A run without problems prints no such section.
    expect(heap(['--step', '4', WHO_FREES]).stdout).not.toContain('heap problems');
  });

  it('a module with nothing to map says so instead of an empty map', () => {
    // The imports module: its memory is imported, with no data segments, stack pointer or heap.
    const r = heap([join(PACKAGE_ROOT, 'src-main/testdata/imports.wseq')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('after 3 of 3 steps\n\nmemory map:\n  (nothing to name: no data segments, stack pointer or heap)\n');
  });

  it('names the static variable DWARF says holds a pointer to a block, in text and in JSON', () => {
    // put() keeps its blocks in the C global `table` (engine/module/dwarf/testdata/statics.c, built with -g).
    const seq = join(PACKAGE_ROOT, 'src-main/engine/module/dwarf/testdata/statics.wseq');
    const r = heap([seq]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('        12 B at 0x10670  line 7, put  (still pointed to from 0x43c, in the static table (pair *))\n');
    // No __data_end: .bss reaches at least to the end of the last static (dlmalloc's mparams), where the free stack starts.
    expect(r.stdout).toContain('       0x438 .. 0x63c             516 B  bss         zero-initialised static data (.bss, as far as its DWARF statics reach)\n'
      + '       0x63c .. 0x10640         65540 B  stack       stack (free, grows down from 0x10640; .bss, of unknown size, sits at its low end)\n');
    // Inside the block `table` points at, typed by table's DWARF type (pair *): table[0]'s members.
    expect(r.stdout).toContain('        12 B at 0x10680  line 7, put  (still pointed to from 0x10670, in table[0].key (char *), the 12 B block at 0x10670)\n');
    expect(r.stdout).toContain('        12 B at 0x10690  line 7, put  (still pointed to from 0x10674, in table[0].val (char *), the 12 B block at 0x10670)\n');
    // The block table says what each typed block is.
    expect(r.stdout).toContain('     0x10690        12 B  guest     7  put, what table[0].val points at (char)\n');
    const json = JSON.parse(heap(['--json', seq]).stdout) as { stillReachable: { address: number; pointedFrom: number; pointedFromStatic?: unknown }[]; typedBlocks: unknown };
    // Breadth first through the pointers DWARF types: table's block, then what its pair points to.
    expect(json.typedBlocks).toEqual([
      { address: 0x10670, size: 12, name: 'table', type: 'pair' },
      { address: 0x10680, size: 12, name: 'table[0].key', type: 'char' },
      { address: 0x10690, size: 12, name: 'table[0].val', type: 'char' },
    ]);
    expect(json.stillReachable.map((b) => [b.address, b.pointedFrom, b.pointedFromStatic ?? null])).toEqual([
      [0x10670, 0x43c, { name: 'table', address: 0x43c, type: 'pair *' }],
      [0x10680, 0x10670, null],
      [0x10690, 0x10674, null],
    ]);
  });

  it('lists the statics with their values after the steps, in text and in JSON; --step goes back to before put()', () => {
    const seq = join(PACKAGE_ROOT, 'src-main/engine/module/dwarf/testdata/statics.wseq');
    const text = heap([seq]).stdout;
    expect(text).toContain('\n\nstatics (10, the program\'s own first):\n'
      + '       0x400  greeting = "hello"  (const char[6])\n'
      + '       0x410  origin = { x: 1, y: 2 }  (point)\n'
      + '       0x420  grid = [[1, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]]  (unsigned short[3][4])\n'
      + '       0x438  count = 1  (int)\n'
      + '       0x43c  table = 0x10670  (pair *)\n');
    expect(heap(['--step', '4', seq]).stdout).toContain('       0x43c  table = 0x0  (pair *)\n');
    const json = JSON.parse(heap(['--json', seq]).stdout) as { statics: { name: string; value: string | null }[] };
    expect(json.statics.length).toBe(10);
    expect(json.statics.find((v) => v.name === 'count')).toEqual({ name: 'count', address: 0x438, size: 4, type: 'int', value: '1' });
  });

  it("says whose entry a libc++ collection's node is, and names a word in a node's links by it too", () => {
    const r = heap([join(PACKAGE_ROOT, 'src-main/engine/module/dwarf/testdata/containers.wseq')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('        28 B at 0x11910  line 4, fill, the node of primes[2] (int)  (still pointed to from 0x11954, in the node of primes[1], outside its entry, the 28 B block at 0x11950)\n');
    expect(r.stdout).toContain('     0x11a10        28 B  guest     4  fill, the node of readings[1] (double)\n');
  });

  it("reads clang -O1's statics: a bool kept as its byte, a struct in pieces, an int shrunk to a flag", () => {
    const r = heap([join(PACKAGE_ROOT, 'src-main/engine/module/dwarf/testdata/statics-o1.wseq')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('statics (4, the program\'s own first):\n'
      + '       0x400  ready = true  (_Bool)\n'
      + '       0x404  counter = 3  (int)\n'
      + '       0x408  pair = { a: 3, b: true }  (struct {…})\n'
      + '       0x410  mode = 5 (stored as 1)  (int)\n');
  });

  it('names the member or element of a static that points to a block, as DWARF lays the static out', () => {
    const seq = join(PACKAGE_ROOT, 'src-main/engine/module/dwarf/testdata/statics-part.wseq');
    expect(heap([seq]).stdout).toContain('        12 B at 0x10650  line 3, host malloc  (still pointed to from 0x444, in the static calls::none[0] (char *))\n');
    const json = JSON.parse(heap(['--json', seq]).stdout) as { stillReachable: { pointedFromStatic?: unknown }[] };
    expect(json.stillReachable.map((b) => b.pointedFromStatic)).toEqual([{ name: 'calls::none[0]', address: 0x444, type: 'char *' }]);
  });

  it('a step that timed out took the worker and its heap: says which step and why, and what --step shows instead; --json too', () => {
    const seq = join(PACKAGE_ROOT, 'resources/examples/infinite-loop/infinite-loop.wseq');
    const r = heap([seq]);
    expect([r.status, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toBe(
      "memscope heap: after 7 of 7 steps: step 7 (line 24) ended the guest's worker: timeout: the step ran past its time limit of 1000 ms; the worker was terminated\n"
      + 'memscope heap: the heap is walked in that worker, so there is none to show; --step 6 shows the heap before line 24\n');
    const json = heap(['--json', seq]);
    expect([json.status, json.stderr]).toEqual([1, '']);
    expect(JSON.parse(json.stdout)).toEqual({
      ok: false,
      steps: 7,
      error: {
        code: 'timeout', line: 24,
        message: "step 7 (line 24) ended the guest's worker: the step ran past its time limit of 1000 ms; the worker was terminated; "
          + 'the heap is walked in that worker, so there is none to show; --step 6 shows the heap before line 24',
      },
      terminated: { reason: 'timeout', message: 'the step ran past its time limit of 1000 ms; the worker was terminated', step: 6 },
    });
    // What it points to: the heap before the stuck step.
    expect(heap(['--step', '6', seq])).toMatchObject({ status: 0, stdout: expect.stringContaining('after 6 of 7 steps\n') });
  });

  it('after a failed walk says the leaks cannot be known, where it listed the blocks from before the failure as all there were', () => {
    // x is allocated after the walk fails and leaks, unseen by the ledger: "leaks" was [], which
    // read as none, and the text said nothing of them.
    const seq = join(PACKAGE_ROOT, 'src-main/cli/testdata/corrupt-heap.wseq');
    const unknown = /^cannot check for leaks: the heap walk failed \(walk corrupt: region at 0x[0-9a-f]+ has size 3735928559, which does not fit before the block end 0x[0-9a-f]+\), so blocks allocated since are not known$/;
    const r = heap([seq]);
    expect(r.status).toBe(0);
    const text = r.stdout.split('\n');
    const walk = text.findIndex((l) => l.startsWith('heap: walk corrupt: '));
    expect(text[walk + 1]).toMatch(unknown);
    const json = JSON.parse(heap(['--json', seq]).stdout) as Record<string, unknown>;
    expect([json.status, json.leaks, json.stillReachable]).toEqual(['corrupt', null, null]);
    expect(`cannot check for leaks: ${json.leaksUnknown as string}`).toMatch(unknown);
    // A walk that went well has no "leaksUnknown".
    expect(JSON.parse(heap(['--json', WHO_FREES]).stdout)).not.toHaveProperty('leaksUnknown');
  });

  it('says what is wrong with its arguments', () => {
    expect(heap(['--step', 'x', WHO_FREES])).toMatchObject({ status: 2, stderr: expect.stringContaining('--step takes a step count') });
    expect(heap(['--step', '99', WHO_FREES])).toMatchObject({ status: 2, stderr: expect.stringContaining('has 8 steps') });
    // With --json, the refusal object on stdout as run --json's (it printed only the text).
    const json = heap(['--step', '999', WHO_FREES, '--json']);
    const message = `--step 999, but ${WHO_FREES} has 8 steps`;
    expect([json.status, json.stderr]).toEqual([2, `memscope heap: ${message}\n`]);
    expect(JSON.parse(json.stdout)).toEqual({ ok: false, errors: [{ code: 'usage', message, where: { file: WHO_FREES } }] });
  });

  it('a step count too large for a number is past the steps too, not "no step count"', () => {
    // It said "--step takes a step count (0 or more)", which 99999999999999999999 is.
    const big = '99999999999999999999';
    const message = `--step ${big}, but ${WHO_FREES} has 8 steps`;
    expect(heap(['--step', big, WHO_FREES])).toMatchObject({ status: 2, stdout: '', stderr: `memscope heap: ${message}\n` });
    expect(JSON.parse(heap(['--step', big, WHO_FREES, '--json']).stdout)).toEqual({ ok: false, errors: [{ code: 'usage', message, where: { file: WHO_FREES } }] });
  });

  it('a snapshot given as the sequence: says it is a memory image and what reads it', () => {
    // It was read as a sequence and refused as "not UTF-8" at a byte of its binary.
    const dir = mkdtempSync(join(tmpdir(), 'memscope-heap-'));
    try {
      const file = join(dir, 'final.msnap');
      writeFileSync(file, Buffer.from([0x4d, 0x53, 0x4e, 0x41, 0x50, 0x00, 0x00, 0x01, 0x90, 0xff]));
      const message = `${file} is a memory image (a snapshot, coredump or raw dump, by its name), not a call sequence: \`memscope snapshot ${file}\` reads it`;
      expect(heap([file])).toMatchObject({ status: 2, stdout: '', stderr: `memscope heap: ${message}\n` });
      expect(JSON.parse(heap([file, '--json']).stdout)).toEqual({ ok: false, errors: [{ code: 'usage', message, where: { file } }] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses run's options it would ignore, a repeated --step or --module, and a step count that is no plain number", () => {
    // Each was accepted before: --coredump wrote no file, --step "" ran 0 steps, the last --step won.
    for (const option of [['--coredump', '/tmp/x.core'], ['--output-dir', '/tmp'], ['--strict-heap'], ['--explain'], ['--trace-writes'], ['--timeout=5'], ['--history-mb', '64']]) {
      const r = heap([WHO_FREES, ...option]);
      expect([r.status, r.stdout], option[0]).toEqual([2, '']);
      expect(r.stderr).toContain(`memscope heap: unknown option ${option[0]}\n`);
    }
    expect(heap(['--step', '1', '--step=2', WHO_FREES])).toMatchObject({ status: 2, stderr: expect.stringContaining('memscope heap: --step given twice; give it once\n') });
    expect(heap([WHO_FREES, '--module', 'a.wasm', '--module', 'b.wasm'])).toMatchObject({ status: 2, stderr: expect.stringContaining('--module given twice') });
    for (const count of ['', ' ', '0x2', '1e0', '+1']) {
      // An empty one is refused as every command's empty value is (option-args.ts).
      const said = count === '' ? '--step needs a step count (0 or more), not ""' : `--step takes a step count (0 or more), not "${count}"`;
      expect(heap(['--step', count, WHO_FREES])).toMatchObject({ status: 2, stderr: expect.stringContaining(said) });
    }
  });

  it('a guest that called proc_exit: says so and why the steps after it did not run, and its leaks as final (they read as "not freed yet")', () => {
    const dir = mkdtempSync(join(tmpdir(), 'memscope-heap-'));
    try {
      const file = join(dir, 'exit.wseq');
      writeFileSync(file, `module "${join(PACKAGE_ROOT, 'src-main/engine/memory/heap/testdata/cmd-args.wasm')}"\narg "exit"\n_start()\nexpect no leaks\n`);
      const r = heap([file]);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const text = r.stdout.split('\n');
      expect(text[0]).toBe(`memscope heap ${file}: after 1 of 2 steps (line 3 called proc_exit(0): the guest exited, 1 step not run)`);
      expect(text).toContain('✗ 1 leak (44 B allocated during the sequence, never freed):');
      // wasi-libc's argv for main: the runtime's (startup-argv.ts), listed apart, with why.
      expect(text).toContain('not counted as leaks: 2 blocks (40 B) the runtime allocated for itself during the sequence and never frees:');
      const json = JSON.parse(heap(['--json', file]).stdout) as { exitCode?: number; leaks: { size: number }[]; runtimeOwn?: { size: number; holds: string }[] };
      expect(json.exitCode).toBe(0);
      expect(json.leaks.map((b) => b.size)).toEqual([44]);
      expect(json.runtimeOwn?.map((b) => [b.size, b.holds])).toEqual([[28, expect.stringMatching(/^main's argv: wasi-libc's start-up/)], [12, expect.stringMatching(/^main's argv/)]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
