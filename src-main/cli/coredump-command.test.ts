// `memscope run --coredump` and `memscope snapshot` on coredumps: our own (a trap and a clean
// run) and one laid out as wasmtime writes it, read back with frames named from the module.

import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeCoredump, wasmtimeShapedCoredump } from '../engine/testing.ts';
import { memscope } from './testing/memscope-cli.ts';
import { demoCoredump } from './testing/demo-coredump.ts';
import { PACKAGE_ROOT } from '../paths.ts';

/** statics.c as its DWARF names it: under the directory it was compiled in (DW_AT_comp_dir). */
const STATICS_C = expect.stringMatching(/(^|\/)testdata\/statics\.c$/);

const TRAP = join(PACKAGE_ROOT, 'resources/examples/trap');

describe('coredumps from the command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'memscope-core-'));

  it('run --coredump on a trap writes the stack; snapshot names it from the module', () => {
    const file = join(dir, 'trap.core.wasm');
    const run = memscope(['run', '--coredump', file, join(TRAP, 'trap.wseq')]);
    expect(run.status).toBe(1);
    expect(WebAssembly.validate(readFileSync(file))).toBe(true);
    const view = memscope(['snapshot', file, '--module', join(TRAP, 'trap.wasm'), '--json', '--dump', '256', '16']);
    expect(view.status).toBe(0);
    const json = JSON.parse(view.stdout);
    expect(json.coredump.threads[0].frames.map((f: { name: string }) => f.name)).toEqual(['divide', 'mean', 'average', 'report']);
    // Each frame, instance and global with its byte offset in the dump (where its 0x00 tag or type is).
    const bytes = readFileSync(file);
    const { frames } = json.coredump.threads[0];
    expect(frames.map((f: { at: number }) => bytes[f.at])).toEqual([0, 0, 0, 0]);
    expect(frames.map((f: { at: number }) => f.at)).toEqual([...frames.map((f: { at: number }) => f.at)].sort((x, y) => x - y));
    expect(json.coredump.instances).toEqual([{ module: 0, memories: [0], globals: [], at: bytes.indexOf('coreinstances') + 14 }]);
    expect(json.dump.hex).toBe('0a000000140000001e00000028000000');
    const text = memscope(['snapshot', file, '--module', join(TRAP, 'trap.wasm')]);
    expect(text.stdout).toContain('#0 divide (func 4) +0x5');
  });

  it('run --coredump says which mutable globals it could not read and wrote with their initial values (AssemblyScript keeps its runtime\'s private); none for the trap demo', () => {
    const as = join(PACKAGE_ROOT, 'resources/examples/assemblyscript-strings');
    const file = join(dir, 'as.core.wasm');
    const run = memscope(['run', '--coredump', file, join(as, 'assemblyscript-strings.wseq')]);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(new RegExp(`^memscope run: note: coredump ${file.replaceAll('.', '\\.')}: globals 0, 1, .* written with their initial values \\(the guest keeps them private, so the value at the end could not be read\\)$`, 'm'));
    expect(memscope(['run', '--coredump', join(dir, 'trap2.core.wasm'), join(TRAP, 'trap.wseq')]).stderr).not.toContain('note: coredump');
  });

  it("a watch's stop in a traced run: the caller's frame is at its call, not at +0x0 (its offset placed back from the rewritten module)", () => {
    const testdata = join(PACKAGE_ROOT, 'src-main/engine/module/dwarf/testdata');
    const file = join(dir, 'frames.core.wasm');
    expect(memscope(['run', '--coredump', file, join(testdata, 'frames-caller.wseq')]).status).toBe(1);
    const text = memscope(['snapshot', file, '--module', join(testdata, 'frames.wasm')]);
    // wasm-objdump: scale_twice's body starts at 0x1c3, its first call of scale is at 0x201.
    expect(text.stdout).toContain('  #0 scale (func 1) +0xdc in instance 0, frames.c:17:12\n  #1 scale_twice (func 2) +0x3e in instance 0, frames.c:27:15\n');
  });

  it('with a module built with -g, each frame of the dump is at its source line', () => {
    const testdata = join(PACKAGE_ROOT, 'src-main/engine/module/dwarf/testdata');
    const file = join(dir, 'statics.core.wasm');
    expect(memscope(['run', '--coredump', file, join(testdata, 'statics-trap.wseq')]).status).toBe(1);
    const text = memscope(['snapshot', file, '--module', join(testdata, 'statics.wasm')]);
    expect(text.stdout).toMatch(/^ {2}#0 ratio \(func 7\) \+0x[0-9a-f]+ in instance 0, statics\.c:39:74$/m);
    // One frame, said as one ("1 frames" before).
    expect(text.stdout).toMatch(/^thread "main": 1 frame, innermost first$/m);
    const json = JSON.parse(memscope(['snapshot', file, '--module', join(testdata, 'statics.wasm'), '--json']).stdout);
    expect(json.coredump.threads[0].frames[0].source).toEqual({ file: STATICS_C, line: 39, column: 74 });
  });

  it('a coredump where a module goes: inspect says what it is, run refuses it and says where it goes', () => {
    const file = join(dir, 'crash.wasm');
    expect(memscope(['run', '--coredump', file, join(TRAP, 'trap.wseq')]).status).toBe(1);
    expect(memscope(['inspect', file]).stdout).toMatch(/^ {2}kind {8}a Wasm coredump, not a module to run \(memscope snapshot FILE shows its stacks and memory\)$/m);
    // It is a valid module: run used to instantiate it, run nothing and report success.
    const seq = join(dir, 'crash.wseq');
    writeFileSync(seq, 'module "crash.wasm"\n');
    const run = memscope(['run', seq]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`memscope run: ${file} is a memory image (a Wasm coredump, by its contents), not a module: \`memscope snapshot ${file}\` reads it\n`);
  });

  it('snapshot --module of a memory image: said to be one, in the words every command uses', () => {
    const dump = join(dir, 'kinds.core.wasm');
    expect(memscope(['run', '--coredump', dump, join(TRAP, 'trap.wseq')]).status).toBe(1);
    const asModule = join(dir, 'kinds.wasm');
    copyFileSync(dump, asModule);
    const snap = join(dir, 'kinds.msnap');
    writeFileSync(snap, Buffer.concat([Buffer.from('MSNAP\0\0\x01'), Buffer.from([0x9a, 0x26, 0, 0])]));
    // A coredump was "not the module … was dumped from: … has 0 functions", a snapshot "bad magic number".
    for (const [module, says] of [
      [asModule, `${asModule} is a memory image (a Wasm coredump, by its contents), not a module: \`memscope snapshot ${asModule}\` reads it`],
      [dump, `${dump} is a memory image (a snapshot, coredump or raw dump, by its name), not a module: \`memscope snapshot ${dump}\` reads it`],
      [snap, `${snap} is a memory image (a snapshot, coredump or raw dump, by its name), not a module: \`memscope snapshot ${snap}\` reads it`],
    ]) {
      const r = memscope(['snapshot', dump, '--module', module!]);
      expect([module, r.status, r.stdout, r.stderr]).toEqual([module, 2, '', `memscope snapshot: ${says}\n`]);
      const json = memscope(['snapshot', dump, '--module', module!, '--json']);
      expect([module, JSON.parse(json.stdout)]).toEqual([module, { ok: false, errors: [{ code: 'usage', message: says, where: { file: module } }] }]);
    }
  });

  it('a stack overflow\'s frames: the run of one frame is one line with its count', () => {
    const file = join(dir, 'recurse.core.wasm');
    const seq = join(dir, 'recurse.wseq');
    writeFileSync(seq, `module "${join(PACKAGE_ROOT, 'src-main/testdata/recurse.wasm')}"\nr(0)\n`);
    const run = memscope(['run', '--coredump', file, seq]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/✗ \S+recurse\.wseq:2:1: trap: stack overflow \(Maximum call stack size exceeded\) in r\n {9}r\(0\)\n {9}\^\n +at r \(func 0 @0x[0-9a-f]+\)\n +at r \(func 0 @0x[0-9a-f]+\) ×\d+\n/);
    const text = memscope(['snapshot', file, '--module', join(PACKAGE_ROOT, 'src-main/testdata/recurse.wasm')]).stdout;
    expect(text).toMatch(/\n {2}#1-#(\d+) r \(func 0\) \+0x[0-9a-f]+ in instance 0 ×\d+\n/);
    expect(text.match(/\n {2}#/g)).toHaveLength(2);
  });

  it('run --coredump on a clean run: no frames, the final memory', () => {
    const file = join(dir, 'clean.core.wasm');
    const demo = join(PACKAGE_ROOT, 'resources/examples/return-string/return-string.wseq');
    expect(memscope(['run', '--coredump', file, demo]).status).toBe(0);
    const json = JSON.parse(memscope(['snapshot', file, '--json']).stdout);
    expect(json.coredump.threads[0].frames).toEqual([]);
    expect(json.coredump.globals).toEqual([{ type: 'i32', mutable: true, value: '67088', at: expect.any(Number) }]);
  });

  it('--dump in a coredump: past the end of memory is an error naming its size, across it is cut with a note', () => {
    const file = join(dir, 'one-page.core.wasm');
    writeFileSync(file, wasmtimeShapedCoredump({
      processName: 'trap.wasm', moduleName: '<anonymous-module-0>', memory: new Uint8Array(65536).fill(0x61, 0xfff8), maxPages: null, globals: [], frames: [],
    }));
    const past = memscope(['snapshot', file, '--dump', '65536', '16']);
    expect([past.status, past.stdout, past.stderr]).toEqual([2, '', 'memscope snapshot: --dump 0x10000 is past the end of memory (65536 bytes, 0x0..0xffff)\n']);
    const across = memscope(['snapshot', file, '--dump', '0xfff8', '32']);
    expect(across.status).toBe(0);
    expect(across.stderr).toBe('memscope snapshot: --dump showed 8 bytes of the 32 asked for: memory ends at 0x10000 (65536 bytes, 0x0..0xffff)\n');
    expect(across.stdout.split('\n').slice(-2)).toEqual(['0x0000fff8  61 61 61 61 61 61 61 61                          aaaaaaaa', '']);
  });

  it('reads a wasmtime-shaped coredump', () => {
    const memory = new Uint8Array(65536);
    memory.set(new TextEncoder().encode('hello from wasmtime'), 1024);
    const file = join(dir, 'wasmtime.core.wasm');
    writeFileSync(file, wasmtimeShapedCoredump({
      processName: 'trap.wasm', moduleName: '<anonymous-module-0>', memory, maxPages: null,
      globals: [{ type: 'i32', mutable: true, value: 65536n }],
      frames: [{ funcIndex: 6, codeOffset: 4 }, { funcIndex: 5, codeOffset: 3 }],
    }));
    const view = memscope(['snapshot', file, '--dump', '1024', '19']);
    expect(view.status).toBe(0);
    expect(view.stdout).toContain('global 0: mut i32 = 65536');
    expect(view.stdout).toContain('hello from wasmt');
    // Named from its module (trap.wasm has no globals, so a dump of it holds none).
    const ofTrap = join(dir, 'wasmtime-trap.core.wasm');
    writeFileSync(ofTrap, wasmtimeShapedCoredump({
      processName: 'trap.wasm', moduleName: '<anonymous-module-0>', memory, maxPages: null, globals: [],
      frames: [{ funcIndex: 6, codeOffset: 4 }, { funcIndex: 5, codeOffset: 3 }],
    }));
    const named = memscope(['snapshot', ofTrap, '--module', join(TRAP, 'trap.wasm')]);
    expect(named.status).toBe(0);
    expect(named.stdout).toContain('#0 load_word (func 6) +0x4');
    expect(named.stdout).toContain('#1 peek (func 5) +0x3');
  });

  it("a dump's process and module names with a line break or an ESC are shown escaped, not obeyed", () => {
    const file = join(dir, 'odd-names.core.wasm');
    writeFileSync(file, wasmtimeShapedCoredump({
      processName: 'prog\x1b[2J\nforged line', moduleName: 'm\x1b[31m', memory: new Uint8Array(65536), maxPages: null,
      globals: [], frames: [{ funcIndex: 1, codeOffset: 2 }],
    }));
    const view = memscope(['snapshot', file]);
    expect(view.status).toBe(0);
    expect(view.stdout).not.toMatch(/\x1b/);
    expect(view.stdout.split('\n').slice(0, 2)).toEqual([`${file}: Wasm coredump of prog\\x1b[2J\\x0aforged line`, 'modules: m\\x1b[31m']);
  });

  it('a truncated coredump is a clear error, not a crash', () => {
    const file = join(dir, 'cut.core.wasm');
    const whole = readFileSync(demoCoredump(dir, 'trap', 1));
    writeFileSync(file, whole.subarray(0, whole.length - 7));
    const view = memscope(['snapshot', file]);
    expect(view.status).toBe(2);
    expect(view.stderr).toMatch(/memscope snapshot: .*cut\.core\.wasm/);
  });

  it('a coredump cut short is read as the Wasm it is, with the section and byte offset where it ends, and its pages counted in words', () => {
    const whole = readFileSync(demoCoredump(dir, 'trap', 1));
    const file = join(dir, 'cut-1.core.wasm');
    // One byte short: the module reader stopped it, so it was not taken for a coredump and the
    // snapshot reader said only that the file does not start with "MSNAP".
    writeFileSync(file, whole.subarray(0, whole.length - 1));
    const view = memscope(['snapshot', file]);
    expect([view.status, view.stdout]).toEqual([2, '']);
    expect(view.stderr).toMatch(new RegExp(`^memscope snapshot: ${file}: not a well-formed coredump module: .* \\(section \\w+, byte offset \\d+\\)\n$`));
    expect(memscope(['snapshot', demoCoredump(dir, 'trap', 1)]).stdout).toContain('\nmemory 0: 65536 bytes (1 page), 1 page holds data\n');
  });

  it('--module of another module than the dump: refused naming both; the same module under another name: a warning', () => {
    const file = demoCoredump(dir, 'trap', 1);
    const other = join(PACKAGE_ROOT, 'resources/examples/return-string/return-string.wasm');
    // Its functions and globals cannot be the dump's: every frame was named from it, under a warning.
    const wrong = memscope(['snapshot', file, '--module', other]);
    expect([wrong.status, wrong.stdout]).toEqual([2, '']);
    expect(wrong.stderr).toMatch(new RegExp(`^memscope snapshot: ${other} is not the module ${file} was dumped from \\(it names trap\\.wasm\\): `));
    // The module it is of, renamed: the names differ, said on stderr and in --json.
    const renamed = join(dir, 'renamed.wasm');
    copyFileSync(join(TRAP, 'trap.wasm'), renamed);
    const warning = `${file} is a coredump of trap.wasm, but --module is renamed.wasm: the frame names and source lines below come from renamed.wasm by function index, and are wrong unless it is the same module renamed`;
    const text = memscope(['snapshot', file, '--module', renamed]);
    expect([text.status, text.stderr]).toEqual([0, `memscope snapshot: ${warning}\n`]);
    expect(JSON.parse(memscope(['snapshot', file, '--module', renamed, '--json']).stdout).warnings).toEqual([warning]);
    // The module it is of: no warning.
    const right = memscope(['snapshot', file, '--module', join(TRAP, 'trap.wasm'), '--json']);
    expect([right.status, right.stderr, JSON.parse(right.stdout).warnings]).toEqual([0, '', undefined]);
    // wasmtime's placeholder module names say nothing; its process name is compared.
    const shaped = join(dir, 'shaped.core.wasm');
    writeFileSync(shaped, wasmtimeShapedCoredump({ processName: 'trap.wasm', moduleName: '<anonymous-module-0>', memory: new Uint8Array(65536), maxPages: null, globals: [], frames: [] }));
    expect(memscope(['snapshot', shaped, '--module', join(TRAP, 'trap.wasm')]).stderr).toBe('');
    expect(memscope(['snapshot', shaped, '--module', renamed]).stderr).toContain(`${shaped} is a coredump of trap.wasm, but --module is renamed.wasm`);
    // Nothing recorded to compare: nothing said.
    const nameless = join(dir, 'nameless.core.wasm');
    writeFileSync(nameless, wasmtimeShapedCoredump({ processName: '', moduleName: '<anonymous-module-0>', memory: new Uint8Array(65536), maxPages: null, globals: [], frames: [] }));
    expect(memscope(['snapshot', nameless, '--module', renamed]).stderr).toBe('');
  });

  it("a frame's locals and operand stack (writers that recover them store them) are shown, and frames that differ in them are not folded", () => {
    const file = join(dir, 'locals.core.wasm');
    const locals = [{ type: 'i32', bits: 0xfffffffb }, { type: 'missing' }, { type: 'f64', bits: '8000000000000000' }, { type: 'i64', bits: '0000000000000007' }] as const;
    const frame = (n: number) => ({ instance: 0, funcIndex: 2, codeOffset: 9, locals: [{ type: 'i32' as const, bits: n }], stack: [] });
    writeFileSync(file, encodeCoredump({
      processName: 'trap.wasm', modules: ['trap.wasm'], instances: [{ module: 0, memories: [], globals: [] }],
      threads: [{ name: 'main', frames: [{ instance: 0, funcIndex: 4, codeOffset: 5, locals: [...locals], stack: [{ type: 'f32', bits: 0x3fc00000 }] }, frame(1), frame(2)] }],
      memories: [], globals: [],
    }));
    // They were read and then shown nowhere; the two frames of func 2 were one line, "×2".
    const text = memscope(['snapshot', file]).stdout;
    expect(text).toContain('\n  #0 wasm-function[4] (func 4) +0x5 in instance 0\n      locals: i32 -5, missing, f64 -0, i64 7\n      stack: f32 1.5\n'
      + '  #1 wasm-function[2] (func 2) +0x9 in instance 0\n      locals: i32 1\n  #2 wasm-function[2] (func 2) +0x9 in instance 0\n      locals: i32 2\n');
    const json = JSON.parse(memscope(['snapshot', file, '--json']).stdout);
    expect(json.coredump.threads[0].frames[0].locals).toEqual([
      { type: 'i32', value: '-5' }, { type: 'missing' }, { type: 'f64', value: '-0' }, { type: 'i64', value: '7' },
    ]);
  });

  it('with --json, an error is the refusal object on stdout as well as the line on stderr', () => {
    const file = demoCoredump(dir, 'trap', 1);
    const past = memscope(['snapshot', file, '--dump', '99999999999999999999', '--json']);
    const message = '--dump 99999999999999999999 is past the end of memory (65536 bytes, 0x0..0xffff)';
    expect([past.status, past.stderr]).toEqual([2, `memscope snapshot: ${message}\n`]);
    expect(JSON.parse(past.stdout)).toEqual({ ok: false, errors: [{ code: 'out-of-bounds', message, where: { file } }] });
    const missing = join(dir, 'missing.wasm');
    const module = memscope(['snapshot', file, '--module', missing, '--json']);
    expect([module.status, module.stderr]).toEqual([2, `memscope snapshot: --module ${missing}: cannot read: no such file or directory\n`]);
    expect(JSON.parse(module.stdout)).toEqual({ ok: false, errors: [{ code: 'io', message: 'cannot read: no such file or directory', where: { file: missing } }] });
    const diff = memscope(['snapshot', file, '--diff', file, '--json']);
    expect([diff.status, diff.stderr]).toEqual([2, 'memscope snapshot: --diff compares .msnap snapshots, not coredumps\n']);
    expect(JSON.parse(diff.stdout).errors[0].code).toBe('usage');
  });
});
