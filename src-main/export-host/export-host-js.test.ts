// `memscope export-host --lang js` for every demo: the exported program runs under Node and its
// final bindings (its last line) equal `memscope run --json`'s, with the same exit status.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memscope } from '../cli/testing/memscope-cli.ts';
import { exportHost } from './index.ts';
import { DEMO_SEQUENCES, EXAMPLES, JS_ONLY } from './testing/demo-sequences.ts';
import { hostFailure, type RunStep } from './testing/run-failure.ts';
import { PACKAGE_ROOT } from '../paths.ts';

const EMSCRIPTEN = join(PACKAGE_ROOT, 'src-main/engine/host/testdata/emscripten-runtime');
const OUT = mkdtempSync(join(tmpdir(), 'memscope-export-js-'));

const sequences = DEMO_SEQUENCES;
/** Go's own wasm_exec.js, which an exported host of a Go program using syscall/js loads (Debian's golang-1.19-go). */
const WASM_EXEC = process.env.WASM_EXEC ?? '/usr/lib/go-1.19/misc/wasm/wasm_exec.js';
const HAS_WASM_EXEC = existsSync(WASM_EXEC);

const node = (args: string[], env: NodeJS.ProcessEnv = { ...process.env, WASM_EXEC }) =>
  spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 60_000, env });
/** `memscope ARGS` with the WASM_EXEC the programs get. */
const cli = (args: string[]) => memscope(args, { env: { WASM_EXEC } });
/** The binding lines `memscope run` prints for a sequence (`n = 42 (0x2a)`). */
const runBindingLines = (seq: string) => [...cli(['run', seq]).stdout.matchAll(/^ {7}([A-Za-z_]\w* = .*)$/gm)].map((m) => m[1]!);
/** The lines of a program's stdout that bind a name (guest output aside). */
const bindingLines = (stdout: string) => stdout.trim().split('\n').slice(0, -1).filter((l) => /^[A-Za-z_]\w* = /.test(l));
/** The bindings an exported program printed last. */
const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!);

describe('export-host --lang js', () => {
  it('covers every demo sequence', () => {
    expect(sequences.length).toBeGreaterThanOrEqual(18);
  });

  it.each([...JS_ONLY])('%s: a Go js/wasm program, which the Rust and Go hosts refuse, saying why and what to do instead', (name) => {
    const seq = join(EXAMPLES, name.replace(/\.wseq$/, ''), name);
    for (const lang of ['rust', 'go']) {
      const exported = cli(['export-host', seq, '--lang', lang]);
      expect(exported.status).toBe(2);
      expect(exported.stderr).toMatch(/is a Go js\/wasm program \(\d+ imports of Go's JavaScript runtime( and syscall\/js)?, such as go\.[\w./]+\): only --lang js writes that runtime out/);
      expect(exported.stderr).toContain(`for a ${lang} host, build for WASI (Go 1.21+ with GOOS=wasip1, TinyGo with -target=wasi)`);
    }
  });

  // A Go program using syscall/js needs Go's wasm_exec.js: without Go here, those are left to the skipped Go tests below.
  const usesSyscallJs = (seq: string) => readFileSync(join(seq, '..', /^module\s+"([^"]+)"/m.exec(readFileSync(seq, 'utf8'))![1]!)).includes('syscall/js.');
  const runnable = sequences.filter((s) => HAS_WASM_EXEC || !usesSyscallJs(s));
  it.each(runnable.map((s) => [basename(s), s]))('%s: the exported program matches memscope run --json', (name, seq) => {
    const program = join(OUT, name.replace(/\.wseq$/, '.mjs'));
    const exported = cli(['export-host', seq, '--lang', 'js', '--out', program]);
    expect(exported.status, exported.stderr).toBe(0);
    const ran = node([program]);
    const reference = cli(['run', seq, '--json']);
    const expected = JSON.parse(reference.stdout);
    expect(lastJson(ran.stdout)).toEqual(expected.bindings);
    // The same verdict: 0 when every step held, 1 when one failed (trap, expect, exit, timeout);
    // except where a step is Memscope's own (heap-ledger checks, watchpoints), which the
    // program names in a comment instead of pretending to check.
    const untranslated = readFileSync(program, 'utf8').includes('not translated:');
    if (!untranslated) expect(ran.status).toBe(reference.status);
    // Each binding was printed as it was bound, in run's words.
    for (const key of Object.keys(expected.bindings)) expect(ran.stdout).toContain(`${key} = `);
    expect(bindingLines(ran.stdout)).toEqual(runBindingLines(seq));
  });

  it('binding lines, text, comparisons and limits as run has them: text beside a number refused, bytes ordered by their hex; a call result\'s signed reading, a lone surrogate as U+FFFD (JSON wrote "\\ud800"), a text with no NUL in its first MiB and a read past 64 MiB refused in run\'s words ("no terminating NUL after 65535"; the read went on)', () => {
    const wasm = join(EXAMPLES, 'trap', 'trap.wasm');
    const cases: Record<string, string> = {
      values: 'write u32 0xffffffff @ 256\np = peek(256)\nq = read i32 @ 256\nwrite bytes "00 d8 41 00 00 00" @ 320\nw = read utf16 @ 320\nu = read bytes @ 256 [0]\n',
      nul: 'write bytes "41" @ 65535\nx = read utf8 @ 65535\n',
      limit: 'x = read bytes @ 0 [67108865]\n',
      // A trap in run's words, the function named ("divide by zero" alone); a stack overflow too.
      trap: 'write u32 10 @ 256\noops = report(256, 0)\n', unreachable: 'give_up()\n', overflow: 'recurse(0)\n',
      // "A" == 65 held; bytes ordered as 0 or 1 only (b < "4101" failed).
      compare: 'write bytes "41 00" @ 256\nt = read utf8 @ 256\nb = read bytes @ 256 [2]\nexpect b < "4101"\nexpect b == "41 00"\nexpect t == 65\n',
    };
    for (const [name, steps] of Object.entries(cases)) {
      const seq = join(OUT, `shown-${name}.wseq`);
      writeFileSync(seq, `module "${wasm}"\n${steps}`);
      const program = join(OUT, `shown-${name}.mjs`);
      expect(cli(['export-host', seq, '--lang', 'js', '--out', program]).status).toBe(0);
      const ran = node([program]);
      const reference = cli(['run', seq, '--json']);
      const expected = JSON.parse(reference.stdout);
      expect(ran.status, name).toBe(reference.status);
      expect(lastJson(ran.stdout), name).toEqual(expected.bindings);
      expect(bindingLines(ran.stdout), name).toEqual(runBindingLines(seq));
      const failed = (expected.steps as RunStep[]).find((x) => !x.ok);
      // A trap, an overflow and an expect at run's line:column; a read's address or length at its line.
      expect(ran.stderr, name).toBe(failed ? `${hostFailure(failed, { inPart: name === 'nul' || name === 'limit' })}\n` : '');
    }
    expect(runBindingLines(join(OUT, 'shown-values.wseq'))).toContain('p = 4294967295 (0xffffffff, signed -1)');
  });

  it('an Emscripten heap that grows: the program performs env.emscripten_resize_heap as the engine does', () => {
    const seq = join(OUT, 'grow.wseq');
    const wasm = join(PACKAGE_ROOT, 'src-main/engine/host/testdata/emscripten-grow/emscripten-grow.wasm');
    // Past the initial 16 MiB; the memory cap's refusal is the engine's own (plain Node has none).
    writeFileSync(seq, `module "${wasm}"\np = fill_block(20971520, 90)\nexpect p != 0\nlast = read u8 @ p + 20971519\n`);
    const program = join(OUT, 'grow.mjs');
    expect(cli(['export-host', seq, '--lang', 'js', '--out', program]).status).toBe(0);
    const ran = node([program]);
    expect(ran.status, ran.stderr).toBe(0);
    const reference = JSON.parse(cli(['run', seq, '--json']).stdout);
    expect(reference.bindings.last).toBe(90);
    expect(lastJson(ran.stdout)).toEqual(reference.bindings);
  });

  it('an assigned text or bytes fails its line as run does, the bindings before it kept (the program bound it and passed)', () => {
    const wasm = join(EXAMPLES, 'c-struct', 'c-struct.wasm');
    for (const [name, steps, error] of [['assign-text', 'a = 1\nx = "abc"\ny = x\n', 'line 3: x = "abc": cannot assign text'],
      ['assign-bytes', 'p = malloc(8)\nb = read bytes @ p [2]\nc = b\n', 'line 4: c = b: cannot assign bytes']] as const) {
      const seq = join(OUT, `${name}.wseq`);
      writeFileSync(seq, `module "${wasm}"\n${steps}`);
      const program = join(OUT, `${name}.mjs`);
      expect(cli(['export-host', seq, '--lang', 'js', '--out', program]).status).toBe(0);
      const ran = node([program]);
      const reference = cli(['run', seq, '--json']);
      expect(reference.status, name).toBe(1);
      expect(ran.status, name).toBe(1);
      expect(ran.stderr, name).toBe(`✗ ${error}: text and bytes are bound by reads\n`);
      expect(lastJson(ran.stdout), name).toEqual(JSON.parse(reference.stdout).bindings);
    }
  });

  it('a sequence naming its allocator (`allocator alloc_buf free_buf`): alloc(n) and free(p) call that pair, sized as the engine sizes them', () => {
    const seq = join(OUT, 'named-alloc.wseq');
    const wasm = join(PACKAGE_ROOT, 'src-main/engine/sequence/testdata/rust-named-alloc/rust-named-alloc.wasm');
    writeFileSync(seq, `module "${wasm}"\nallocator alloc_buf free_buf\nname = alloc(5)\nwrite utf8 "World" @ name\nout = alloc(8)\n`
      + 'greet(name, 5, out)\ns = read {ptr: u32, len: u32} @ out\ntext = read utf8 @ s.ptr [s.len]\nfree_buf(s.ptr, s.len)\nfree(out)\nfree(name)\n');
    const program = join(OUT, 'named-alloc.mjs');
    expect(cli(['export-host', seq, '--lang', 'js', '--out', program]).status).toBe(0);
    const source = readFileSync(program, 'utf8');
    expect(source).toContain('call("alloc_buf", [8n], ["i32"], ["i32"])');
    expect(source).toContain('call("free_buf", [B.out, 8n], ["i32","i32"], [])');
    const ran = node([program]);
    expect(ran.status, ran.stderr).toBe(0);
    const reference = JSON.parse(cli(['run', seq, '--json']).stdout);
    expect(reference.bindings.text).toBe('Hello, World!');
    expect(lastJson(ran.stdout)).toEqual(reference.bindings);
  });

  it('a module that imports its memory, a table and a global: the program makes them as the engine does', () => {
    const seq = join(PACKAGE_ROOT, 'src-main/testdata/imports.wseq');
    const program = join(OUT, 'imports.mjs');
    const exported = cli(['export-host', seq, '--lang', 'js', '--out', program]);
    expect(exported.status, exported.stderr).toBe(0);
    const ran = node([program]);
    expect(ran.status, ran.stderr).toBe(0);
    const reference = JSON.parse(cli(['run', seq, '--json']).stdout);
    expect(reference.bindings).toEqual({ r: 0x01020304, s: 2 });
    expect(lastJson(ran.stdout)).toEqual(reference.bindings);
    // The Rust and Go hosts read memory through an export: refused, saying why and what works.
    for (const lang of ['rust', 'go']) {
      const r = cli(['export-host', seq, '--lang', lang]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`imports.wasm imports its memory (env.memory) and does not export it; the ${lang} host reads memory through an export, so only --lang js can host this module`);
    }
  });

  it('C++ exceptions: Emscripten\'s JavaScript runtime written out, catches run, an uncaught throw ends the call; an imported tag is made, an escaping exception said', () => {
    const thrown = join(OUT, 'throw.wseq');
    writeFileSync(thrown, `module "${join(EMSCRIPTEN, 'throw-js.wasm')}"\na = alloc(2)\nwrite utf8 "x\\0" @ a\nr = safe_parse(a)\n`);
    const program = join(OUT, 'throw.mjs');
    expect(cli(['export-host', thrown, '--lang', 'js', '--out', program]).status).toBe(0);
    const ran = node([program]);
    const reference = JSON.parse(cli(['run', thrown, '--json']).stdout);
    expect(ran.status).toBe(1);
    // The engine names the type (std::invalid_argument); the written-out host its mangled name.
    expect(ran.stderr).toMatch(/✗ line 4:5: r = safe_parse\(a\): uncaught exception: the guest threw a C\+\+ exception of type St16invalid_argument \(object at 0x[0-9a-f]+\) and nothing in the guest caught it/);
    expect(lastJson(ran.stdout)).toEqual(reference.bindings);

    // Catching on (-fexceptions): every catch runs as in `memscope run`, and the escaping throw fails the same step.
    const caught = join(OUT, 'catch.wseq');
    writeFileSync(caught, `module "${join(EMSCRIPTEN, 'catch-js.wasm')}"\nb = by_base(-1)\na = catch_all(5)\nr = rethrown(12)\nn = cleanups_run()\ns = stored(1)\ne = escapes(12)\n`);
    const catching = join(OUT, 'catch.mjs');
    expect(cli(['export-host', caught, '--lang', 'js', '--out', catching]).status).toBe(0);
    const ranCatches = node([catching]);
    expect(ranCatches.status).toBe(1);
    expect(ranCatches.stderr).toMatch(/✗ line 7:5: e = escapes\(12\): uncaught exception: the guest threw a C\+\+ exception of type 9ParseFail/);
    const runCatches = JSON.parse(cli(['run', caught, '--json']).stdout);
    expect(runCatches.bindings).toEqual({ b: 2 ** 32 - 8, a: 1, r: 12, n: 1, s: 2 });
    expect(lastJson(ranCatches.stdout)).toEqual(runCatches.bindings);
    // The Rust and Go hosts do not write out the invoke_* round trip: refused, saying what works.
    for (const lang of ['rust', 'go']) {
      const r = cli(['export-host', caught, '--lang', lang]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain("catch-js.wasm uses Emscripten's JavaScript exceptions or longjmp (env.invoke_iii, env.invoke_viii, env.__cxa_find_matching_catch_3, …)");
    }

    const tags = join(OUT, 'tags.wseq');
    writeFileSync(tags, `module "${join(PACKAGE_ROOT, 'src-main/testdata/throws.wasm')}"\nr = catch_own(5)\nthrow_imported(7)\n`);
    const tagged = join(OUT, 'tags.mjs');
    expect(cli(['export-host', tags, '--lang', 'js', '--out', tagged]).status).toBe(0);
    const escaped = node([tagged]);
    expect(escaped.status).toBe(1);
    expect(escaped.stdout).toContain('r = 105');
    expect(escaped.stderr).toContain('✗ line 3:1: throw_imported(7): uncaught exception: the guest threw a wasm exception nothing in the guest caught');
  });

  it("Emscripten's JS-glue system calls answer ENOSYS there too: fopen fails as in memscope run", () => {
    const seq = join(OUT, 'files.wseq');
    writeFileSync(seq, `module "${join(EMSCRIPTEN, 'files-js.wasm')}"\nr = try_open()\n`);
    const program = join(OUT, 'files.mjs');
    expect(cli(['export-host', seq, '--lang', 'js', '--out', program]).status).toBe(0);
    const ran = node([program]);
    expect(ran.status, ran.stderr).toBe(0);
    expect(ran.stdout).toContain('fopen failed: Function not implemented\n');
    const reference = JSON.parse(cli(['run', seq, '--json']).stdout);
    expect(reference.bindings).toEqual({ r: 2 ** 32 - 52 });
    expect(lastJson(ran.stdout)).toEqual(reference.bindings);
  });

  it('an embind module instantiates (its registrations are no-ops there) and a call of a registered function says why it is not written', () => {
    const seq = join(OUT, 'embind.wseq');
    writeFileSync(seq, `module "${join(EMSCRIPTEN, 'embind-js.wasm')}"\np = malloc(8)\nn = add(2, 3)\nfree(p)\n`);
    const program = join(OUT, 'embind.mjs');
    expect(cli(['export-host', seq, '--lang', 'js', '--out', program]).status).toBe(0);
    expect(readFileSync(program, 'utf8')).toContain("// line 3: n = add(2, 3) -- not translated: the module exports no function 'add' "
      + "(this host calls the module's exports, not the functions embind registers; memscope run calls those)\n");
    const ran = node([program]);
    expect(ran.status, ran.stderr).toBe(0);
    expect(lastJson(ran.stdout)).toMatchObject({ p: expect.any(Number) });
  });

  it('&name (a DWARF static) is written as its address; a name the module lacks is refused at its column', () => {
    const seq = join(OUT, 'statics.wseq');
    const wasm = join(PACKAGE_ROOT, 'src-main/engine/module/dwarf/testdata/statics.wasm');
    writeFileSync(seq, `module "${wasm}"\nk = alloc(4)\nwrite utf8 "key\\0" @ k\nput(k, k)\nc = read i32 @ &count\nexpect c == 1\n`);
    const program = join(OUT, 'statics.mjs');
    expect(cli(['export-host', seq, '--lang', 'js', '--out', program]).status).toBe(0);
    expect(readFileSync(program, 'utf8')).toContain("bind(\"c\", readNum('i32', 1080n /* &count */));");
    const ran = node([program]);
    expect(ran.status, ran.stderr).toBe(0);
    expect(lastJson(ran.stdout)).toEqual(JSON.parse(cli(['run', seq, '--json']).stdout).bindings);
    writeFileSync(seq, `module "${wasm}"\nc = read i32 @ &cuont\n`);
    const refused = cli(['export-host', seq, '--lang', 'js']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("statics.wseq:2:16: the module's DWARF names no static variable 'cuont' (did you mean 'count'?)");
  });

  it('an argument computed from bindings is checked when it runs, as memscope run checks it: one that does not fit fails its step with run\'s words, one that fits passes', () => {
    // Written from these sources (exportHost), not bin/memscope.js's build, which may predate them.
    const exportAndRunHere = (name: string, module: string, steps: string) => {
      const seq = join(OUT, `${name}.wseq`);
      writeFileSync(seq, `module "${module}"\n${steps}`);
      const r = exportHost({ language: 'js', sequenceText: readFileSync(seq, 'utf8'), sequenceFile: seq, moduleBytes: readFileSync(module), moduleFile: module, outDir: OUT });
      if (!r.ok) throw new Error(r.message);
      const program = join(OUT, `${name}.mjs`);
      writeFileSync(program, r.source);
      return { ran: node([program]), reference: JSON.parse(cli(['run', seq, '--json']).stdout) };
    };
    const returnString = join(EXAMPLES, 'return-string/return-string.wasm');
    const tooBig = exportAndRunHere('arg-too-big', returnString, 'p = malloc(8)\nq = malloc(p * 100000000)\n');
    const refused = 'argument 1 of malloc (i32): 6710400000000 does not fit in 32 bits (-2147483648 to 4294967295)';
    expect(tooBig.reference.steps[1].error.message).toBe(refused);
    expect(tooBig.ran.status).toBe(1);
    expect(tooBig.ran.stderr).toContain(`✗ line 3: q = malloc(p * 100000000): ${refused}`);
    expect(lastJson(tooBig.ran.stdout)).toEqual(tooBig.reference.bindings);
    const fits = exportAndRunHere('arg-fits', returnString, 'p = malloc(8)\nq = malloc(p * 100)\nexpect q != 0\n');
    expect(fits.ran.status, fits.ran.stderr).toBe(0);
    expect(lastJson(fits.ran.stdout)).toEqual(fits.reference.bindings);

    // A finite f64 that an f32 would make Infinity (1e300 and 2.5 read from their bits), and an i64 past 2^64-1.
    const valueTypes = join(PACKAGE_ROOT, 'src-main/export-host/testdata/value-types/value-types.wasm');
    const wide = exportAndRunHere('arg-wide', valueTypes,
      'write u64 0x7e37e43c8800759c @ 0\nwrite u64 0x4004000000000000 @ 8\nd = read f64 @ 0\nx = read f64 @ 8\nh = take_f32(x)\ne = take_f32(d)\n');
    const f32 = 'argument 1 of take_f32 (f32): 1e+300 does not fit in f32 (-3.4028234663852886e+38 to 3.4028234663852886e+38)';
    expect(wide.reference.steps[5].error.message).toBe(f32);
    expect(wide.reference.bindings.h).toBe(2.5);
    expect(wide.ran.status).toBe(1);
    expect(wide.ran.stderr).toContain(`✗ line 7: e = take_f32(d): ${f32}`);
    expect(lastJson(wide.ran.stdout)).toEqual(wide.reference.bindings);
    const long = exportAndRunHere('arg-long', valueTypes, 'a = take_i64(18446744073709551615)\nb = take_i64(a - 1)\nc = take_i64(a + 1)\n');
    expect(long.ran.status).toBe(1);
    expect(long.ran.stderr).toContain('✗ line 4: c = take_i64(a + 1): argument 1 of take_i64 (i64): 18446744073709551616 does not fit in 64 bits (-9223372036854775808 to 18446744073709551615)');
    expect(long.reference.steps[2].error.message).toBe('argument 1 of take_i64 (i64): 18446744073709551616 does not fit in 64 bits (-9223372036854775808 to 18446744073709551615)');
    expect(lastJson(long.ran.stdout)).toEqual(long.reference.bindings);
  });

  it('values as run computes, stores and writes them: integer beside float, -0, NaN, shifts and division by zero refused, a write out of its type\'s range refused', () => {
    // Each failed before: mixing made a TypeError (BigInt and Number), -0.0 lost its sign, NaN != NaN
    // did not hold, NaN and Infinity were written as null, 1 << 129 and write u8 256 passed.
    const valueTypes = join(PACKAGE_ROOT, 'src-main/export-host/testdata/value-types/value-types.wasm');
    const cases: Record<string, [string, number]> = {
      mixed: ['a = 1.5 + 2\nb = 7 / 2.0\nc = -7.5 % 2\ng = -0.0\nh = 1 / g\nn = 0.0 / 0\nexpect n != n\nexpect 3 < 3.5\nw = (1 << 128) >> 127\n', 0],
      shift: ['x = 1\ny = x << 129\n', 1],
      zero: ['z = 0\ny = 7 / z\n', 1],
      write: ['v = 255\nwrite u8 v @ 0\nv = v + 1\nwrite u8 v @ 0\n', 1],
      writeFloat: ['write f64 -1.5e-300 @ 0\nx = read f64 @ 0\nf = 1.5\nwrite i16 f @ 8\n', 1],
    };
    for (const [name, [steps, status]] of Object.entries(cases)) {
      const seq = join(OUT, `values-${name}.wseq`);
      writeFileSync(seq, `module "${valueTypes}"\n${steps}`);
      const r = exportHost({ language: 'js', sequenceText: readFileSync(seq, 'utf8'), sequenceFile: seq, moduleBytes: readFileSync(valueTypes), moduleFile: valueTypes, outDir: OUT });
      if (!r.ok) throw new Error(r.message);
      writeFileSync(join(OUT, `values-${name}.mjs`), r.source);
      const ran = node([join(OUT, `values-${name}.mjs`)]);
      const reference = JSON.parse(cli(['run', seq, '--json']).stdout);
      expect(ran.status, `${name}: ${ran.stderr}`).toBe(status);
      expect(lastJson(ran.stdout), name).toEqual(reference.bindings);
      const failed = reference.steps.find((x: { ok: boolean }) => !x.ok);
      if (failed) expect(ran.stderr, name).toContain(failed.error.message);
    }
  });

  it('a failed expect, a negative length or address, an access outside memory: said in run\'s words at its line (expect said "the left side is", a negative length was a RangeError, an access had other words)', () => {
    const returnString = join(EXAMPLES, 'return-string/return-string.wasm');
    const cases: Record<string, string> = {
      int: 'a = 1\nb = a + 41\nexpect b == 43\n', sign: 'x = 0 - 1\nexpect 4294967295 == x\n', both: 'f = 1000000.0\ng = f * 1e15\nexpect g == f\n',
      bytes: 'p = malloc(4)\nwrite bytes "0102" @ p\nb = read bytes @ p [2]\nexpect b == "0103"\n', literals: 'expect 1 == 2\n',
      length: 'n = 0 - 5\nx = read bytes @ 1024 [n]\n', address: 'p = 0 - 1\nwrite u8 1 @ p\n',
      read: 'a = 1\nx = read u32 @ 100000000\n', write: 'p = 131070\nwrite u32 1 @ p\n',
    };
    for (const [name, steps] of Object.entries(cases)) {
      const seq = join(OUT, `fails-${name}.wseq`);
      writeFileSync(seq, `module "${returnString}"\n${steps}`);
      const r = exportHost({ language: 'js', sequenceText: readFileSync(seq, 'utf8'), sequenceFile: seq, moduleBytes: readFileSync(returnString), moduleFile: returnString, outDir: OUT });
      if (!r.ok) throw new Error(r.message);
      writeFileSync(join(OUT, `fails-${name}.mjs`), r.source);
      const ran = node([join(OUT, `fails-${name}.mjs`)]);
      const reference = cli(['run', seq, '--json']);
      const failed = (JSON.parse(reference.stdout).steps as RunStep[]).find((x) => !x.ok)!;
      // An expect that does not hold at run's line:column (its comparison); a length, an address, an access at the line.
      expect(ran.stderr, name).toBe(`${hostFailure(failed, { inPart: ['length', 'address', 'read', 'write'].includes(name) })}\n`);
      expect(ran.status, name).toBe(reference.status);
    }
  });

  it('a sequence with an error is refused with file:line:column', () => {
    const bad = join(OUT, 'bad.wseq');
    writeFileSync(bad, `module "${join(EXAMPLES, 'trap/trap.wasm')}"\nx = report(1,\n`);
    const r = cli(['export-host', bad, '--lang', 'js']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad\.wseq:2:\d+/);
  });
});

/** A Go library sequence: argv as wasm_exec.js lays it out, run(), then `body`. */
function goSequence(file: string, module: string, body: string): string {
  const seq = join(OUT, file);
  writeFileSync(seq, `module "${join(PACKAGE_ROOT, 'src-main/engine/host/testdata', module)}"\nwrite utf8 "go\\0" @ 4096\n`
    + `write u64 4096 @ 4112\nwrite u64 0 @ 4120\nwrite u64 0 @ 4128\nrun(1, 4112)\n${body}`);
  return seq;
}

/** Exports `seq` as a JS host and runs it (with `env`); also memscope run --json on it. */
function exportAndRun(seq: string, env?: NodeJS.ProcessEnv) {
  const program = seq.replace(/\.wseq$/, '.mjs');
  const exported = cli(['export-host', seq, '--lang', 'js', '--out', program]);
  expect(exported.status, exported.stderr).toBe(0);
  return { ran: node([program], env), reference: JSON.parse(cli(['run', seq, '--json']).stdout) };
}

describe.runIf(HAS_WASM_EXEC)("export-host --lang js: a Go js/wasm program through Go's own wasm_exec.js", () => {
  it('calls the functions Go set with js.FuncOf by name: numbers, text and bytes in, bound as memscope run binds them', () => {
    const seq = goSequence('go-lib.wseq', 'go-lib/go-lib.wasm', 's = add(2, 40)\ng = greet("ann")\nraw = read bytes @ 4096 [2]\nb = greet(raw)\n');
    const { ran, reference } = exportAndRun(seq);
    expect(ran.status, ran.stderr).toBe(0);
    expect(ran.stdout).toContain('Go set add, greet with js.FuncOf: the steps call them by name\n');
    expect(reference.bindings).toMatchObject({ s: 42, g: 'hello, ann' });
    expect(lastJson(ran.stdout)).toEqual(reference.bindings);
  });

  it('fails, as memscope run does, on a name Go did not set and on a Go panic inside the call, which exits the program', () => {
    const unknown = exportAndRun(goSequence('go-nope.wseq', 'go-lib/go-lib.wasm', 'x = nope(1)\n'));
    expect(unknown.reference.ok).toBe(false);
    expect(unknown.ran.status).toBe(1);
    expect(unknown.ran.stderr).toContain("✗ line 7:5: x = nope(1): the module exports no function 'nope' and Go set none by that name (it set add, greet)");

    const panics = exportAndRun(goSequence('go-panic.wseq', 'go-lib/go-lib.wasm', 'x = add()\ny = add(1, 2)\n'));
    expect(panics.reference.ok).toBe(false);
    expect(panics.ran.status).toBe(1);
    expect(panics.ran.stdout + panics.ran.stderr).toContain('panic: runtime error: index out of range [0] with length 0');
    expect(panics.ran.stderr).toContain('✗ line 7:5: x = add(): the Go program exited with code 2 (runtime.wasmExit)');
    expect(lastJson(panics.ran.stdout)).toEqual({});
  });

  it('with a time limit (the sequence in a worker), Go\'s output keeps its place among the binding lines', () => {
    const demo = join(EXAMPLES, 'go-library/go-library.wseq');
    const seq = join(OUT, 'go-library-timeout.wseq');
    writeFileSync(seq, `timeout 20000\n${readFileSync(demo, 'utf8').replace('module "go-library.wasm"', `module "${join(EXAMPLES, 'go-library/go-library.wasm')}"`)}`);
    const { ran, reference } = exportAndRun(seq);
    expect(ran.status, ran.stderr).toBe(0);
    const lines = ran.stdout.trim().split('\n');
    expect(lines.indexOf('remembered "eggs" (2 notes)')).toBe(lines.indexOf('count = 2') - 1);
    expect(lastJson(ran.stdout)).toEqual(reference.bindings);
  });

  it("refuses a wasm_exec.js of another Go release, naming the module's", () => {
    const seq = goSequence('go-release.wseq', 'go-lib/go-lib.wasm', 's = add(1, 1)\n');
    // Go 1.21 and later offer the runtime as "gojs": Go 1.19's file with that one name changed.
    const later = join(OUT, 'wasm_exec_later.js');
    writeFileSync(later, readFileSync(WASM_EXEC, 'utf8').replace(/\bgo: \{/, 'gojs: {'));
    const { ran } = exportAndRun(seq, { ...process.env, WASM_EXEC: later });
    expect(ran.status).toBe(2);
    expect(ran.stderr).toMatch(/✗ .*wasm_exec_later\.js is not the wasm_exec\.js of go1\.19\.\d+, which built the module: it offers Go's runtime as gojs, the module imports "go"/);
  });

  it('says where to find wasm_exec.js when neither WASM_EXEC nor a go on PATH gives it', () => {
    const seq = goSequence('go-where.wseq', 'go-lib/go-lib.wasm', 's = add(1, 1)\n');
    const { ran } = exportAndRun(seq, { PATH: dirname(process.execPath) });
    expect(ran.status).toBe(2);
    expect(ran.stderr).toContain('✗ wasm_exec.js not found: set WASM_EXEC to the wasm_exec.js of the Go that built the module');
  });
});

describe('export-host --lang js: a Go js/wasm program without syscall/js', () => {
  it("fails a run() that returns without runtime.wasmExit (main waits on a channel), as memscope run does, never passing it", () => {
    const { ran, reference } = exportAndRun(goSequence('go-deadlock.wseq', 'go-deadlock/go-deadlock.wasm', ''));
    expect(reference.ok).toBe(false);
    expect(ran.status).toBe(1);
    expect(ran.stderr).toContain("✗ line 6:1: run(1, 4112): Go's run() returned without runtime.wasmExit: the program waits for a timer or a channel");
  });
});
