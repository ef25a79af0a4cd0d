// The Go goldens compiled and run for real, when a wazero source tree is at hand: wazero is not
// installable offline, so this runs only with MEMSCOPE_WAZERO_SRC pointing at a checkout of
// tetratelabs/wazero (v1.5.0 is the newest that Debian's Go 1.19 builds; the API the programs
// use is the same in v1.9.0) and /usr/lib/go-1.19. Each program must print the bindings
// `memscope run --json` prints, with the same exit status. Without wazero, the prelude's part that
// needs none (GO_CORE: sequence integers, the checks of a stored value) is built and run with the
// steps that need no module, with Go alone.

import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memscope } from '../cli/testing/memscope-cli.ts';
import { GO_CORE } from './go-prelude.ts';
import { exportHost } from './index.ts';
import { EXPORTED_SEQUENCES } from './testing/demo-sequences.ts';
import { hostFailure, type RunStep } from './testing/run-failure.ts';
import { PACKAGE_ROOT } from '../paths.ts';

const GOLDEN = join(import.meta.dirname, 'testdata/golden');
const EXAMPLES = join(PACKAGE_ROOT, 'resources/examples');
const GO = '/usr/lib/go-1.19/bin/go';
const WAZERO = process.env.MEMSCOPE_WAZERO_SRC;

// The demos the Go host writes out (Go js/wasm programs are --lang js only, and have no golden).
const sequences = EXPORTED_SEQUENCES;

/** Bindings compared as data, key order aside: integers exactly as run writes them (numbers up to 2^53, else text). */
function canonical(v: unknown): unknown {
  if (v && typeof v === 'object' && !Array.isArray(v)) return Object.fromEntries(Object.entries(v).sort().map(([k, x]) => [k, canonical(x)]));
  return v;
}

/** The binding lines `memscope run` prints for a sequence (`n = 42 (0x2a)`), as the programs print them. */
function runBindingLines(seq: string): string[] {
  const reference = memscope(['run', seq], { timeout: 120_000 });
  return [...reference.stdout.matchAll(/^ {7}([A-Za-z_]\w* = .*)$/gm)].map((m) => m[1]!);
}

/** The lines of a program's stdout that bind a name (guest output aside), its last line (the bindings' JSON) aside. */
function bindingLines(stdout: string): string[] {
  return stdout.trim().split('\n').slice(0, -1).filter((l) => /^[A-Za-z_]\w* = /.test(l));
}

/**
 * `memscope run --json` of a sequence, its answer parsed. One that printed none fails saying why:
 * JSON.parse said only "Unexpected end of JSON input" when bin/memscope.js found no build (exit
 * 70, out/ being rebuilt under the test) or the child was killed at its bound.
 */
function runJson<T = { bindings: unknown; steps: RunStep[] }>(seq: string): { out: T; status: number | null } {
  const r = memscope(['run', seq, '--json'], { timeout: 120_000 });
  expect(r.stdout.startsWith('{'), `memscope run ${seq} --json printed no answer (status ${r.status}${r.signal ? `, ${r.signal}` : ''}): ${r.stderr}`).toBe(true);
  return { out: JSON.parse(r.stdout) as T, status: r.status };
}

/** `memscope run --json` of a sequence: its bindings and whether it passed. */
function runReference(seq: string): { bindings: unknown; ok: boolean } {
  const { out, status } = runJson(seq);
  return { bindings: out.bindings, ok: status === 0 };
}

/** A go.mod for hosts built against the wazero tree at WAZERO, and the environment to build offline. */
function goWorkspace(): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(join(tmpdir(), 'memscope-go-'));
  const env = { ...process.env, GOCACHE: join(dir, 'cache'), GOPATH: join(dir, 'gopath'), GOPROXY: 'off', GOFLAGS: '-mod=mod' };
  writeFileSync(join(dir, 'go.mod'), `module hosts\n\ngo 1.19\n\nrequire github.com/tetratelabs/wazero v1.5.0\n\nreplace github.com/tetratelabs/wazero => ${WAZERO}\n`);
  return { dir, env };
}

/** Each program as p/NAME/main.go in the workspace, built in one `go build` (one link of wazero): bin/NAME. */
function buildHosts({ dir, env }: { dir: string; env: NodeJS.ProcessEnv }, sources: Record<string, string>): void {
  for (const [name, source] of Object.entries(sources)) {
    mkdirSync(join(dir, 'p', name), { recursive: true });
    writeFileSync(join(dir, 'p', name, 'main.go'), source);
  }
  const build = spawnSync(GO, ['build', '-o', join(dir, 'bin') + '/', './p/...'], { cwd: dir, env, encoding: 'utf8', timeout: 600_000 });
  expect(build.status, build.stderr).toBe(0);
}

/**
 * Each sequence (`module` by its path, then `steps`) written to NAME.wseq in a fresh workspace and
 * its Go host built; then each host run there beside `memscope run --json` of that sequence, with
 * the same exit status and bindings. Per name: the host's run and run's answer.
 */
function hostsBesideRun(cases: Record<string, { module: string; steps: string[] }>): Record<string, { ran: SpawnSyncReturns<string>; out: { bindings: unknown; steps: RunStep[] } }> {
  const workspace = goWorkspace();
  const { dir } = workspace;
  const sources: Record<string, string> = {};
  for (const [name, { module, steps }] of Object.entries(cases)) {
    const text = [`module ${JSON.stringify(module)}`, ...steps, ''].join('\n');
    writeFileSync(join(dir, `${name}.wseq`), text);
    sources[name] = goHost(text, join(dir, `${name}.wseq`), module, dir);
  }
  buildHosts(workspace, sources);
  return Object.fromEntries(Object.keys(cases).map((name) => {
    const ran = spawnSync(join(dir, 'bin', name), [], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    const { out, status } = runJson(join(dir, `${name}.wseq`));
    expect(ran.status, name).toBe(status);
    expect(canonical(JSON.parse(ran.stdout.trim().split('\n').at(-1)!)), name).toEqual(canonical(out.bindings));
    return [name, { ran, out }];
  }));
}

let coreDir: string | undefined;

/**
 * The prelude's GO_CORE as it is (no wazero: Go alone), a stand-in for the api.Encode…
 * functions the steps call, and `body` as main; built, then run: `go run` would add its own
 * "exit status 1" line. One build cache for every program.
 */
function runCore(body: string): SpawnSyncReturns<string> {
  coreDir ??= mkdtempSync(join(tmpdir(), 'memscope-go-core-'));
  const env = { ...process.env, GOCACHE: join(coreDir, 'cache'), GOPATH: join(coreDir, 'gopath'), GOPROXY: 'off', GO111MODULE: 'off' };
  const main = join(mkdtempSync(join(coreDir, 'p-')), 'main.go');
  writeFileSync(main, [
    'package main', '', 'import (\n\t"encoding/hex"\n\t"encoding/json"\n\t"errors"\n\t"fmt"\n\t"math"\n\t"math/big"\n\t"os"\n\t"regexp"\n\t"strconv"\n\t"strings"\n\t"unicode/utf16"\n\t"unicode/utf8"\n)', '',
    'type encoder struct{}', '',
    'func (encoder) EncodeU32(v uint32) uint64  { return uint64(v) }',
    'func (encoder) EncodeI64(v int64) uint64   { return uint64(v) }',
    'func (encoder) EncodeF32(v float32) uint64 { return uint64(math.Float32bits(v)) }', '',
    'var api encoder', '',
    // GO_CORE itself may not use errors (the steps do); Go refuses an import nothing uses.
    'var _ = errors.New', '',
    GO_CORE,
    `func main() {\n${body}\n\tprintBound()\n}`, '',
  ].join('\n'));
  const built = spawnSync(GO, ['build', '-o', main.replace(/\.go$/, ''), main], { cwd: coreDir, env, encoding: 'utf8', timeout: 300_000 });
  expect(built.stderr).toBe('');
  return spawnSync(main.replace(/\.go$/, ''), { encoding: 'utf8' });
}

/** The Go program export-host writes for `text` (a sequence file at `sequenceFile`, its module at `moduleFile`). */
function goHost(text: string, sequenceFile: string, moduleFile: string, outDir: string): string {
  const r = exportHost({ language: 'go', sequenceText: text, sequenceFile, moduleBytes: readFileSync(moduleFile), moduleFile, outDir });
  if (!r.ok) throw new Error(r.message);
  return r.source;
}

describe.runIf(WAZERO !== undefined && existsSync(GO))('Go goldens on wazero', () => {
  it('every program builds, runs and matches memscope run --json', () => {
    const workspace = goWorkspace();
    const { dir } = workspace;
    const nameOf = (seq: string) => seq.replace(/^.*\//, '').replace(/\.wseq$/, '');
    buildHosts(workspace, Object.fromEntries(sequences.map((seq) => [nameOf(seq), readFileSync(join(GOLDEN, `${nameOf(seq)}.go`), 'utf8')])));
    for (const seq of sequences) {
      const name = seq.replace(/^.*\//, '').replace(/\.wseq$/, '');
      const ran = spawnSync(join(dir, 'bin', name), [], { cwd: dirname(seq), encoding: 'utf8', timeout: 120_000 });
      const reference = runReference(seq);
      const last = ran.stdout.trim().split('\n').at(-1)!;
      expect(canonical(JSON.parse(last)), name).toEqual(canonical(reference.bindings));
      // Each binding's line as run prints it: 1e+06 was %g's, 42 lacked its (0x2a), "in.x" was flat.
      expect(bindingLines(ran.stdout), name).toEqual(runBindingLines(seq));
      // A step that is Memscope's own (heap-ledger checks) is named, not checked: no verdict to compare.
      if (!readFileSync(join(GOLDEN, `${name}.go`), 'utf8').includes('not translated:')) expect(ran.status === 0, name).toBe(reference.ok);
    }
  }, 900_000);

  it('sequence integers are exact across the u64 and i64 range, as in memscope run (they were int64: a u64 >> 32 came out -1, 2^63-1 + 1 did not compile)', () => {
    const cases: Record<string, string[]> = {
      wide: ['a = 18446744073709551615', 'b = a >> 32', 'c = 9223372036854775807 + 1', 'd = -9223372036854775808 - 1', 'e = a * a', 'f = ~a',
        'g = -7 / 2', 'h = -7 % 2', 'i = -1 >> 1', 'j = (a & 0xff) | (1 << 64)', 'expect b == 0xffffffff', 'expect c > 9223372036854775807'],
      // Stored values keep their type's range, read back with their sign.
      stored: ['p = malloc(16)', 'write u64 18446744073709551615 @ p', 'u = read u64 @ p', 'i = read i64 @ p', 'k = u - 1',
        'write i64 k - 18446744073709551614 @ p + 8', 'v = read u64 @ p + 8', 'expect u == 18446744073709551615'],
      // A value run refuses fails the same line, the bindings before it kept.
      tooBig: ['p = malloc(8)', 'x = 18446744073709551615 + p - p + 1', 'write u64 x @ p', 'y = 1'],
      byZero: ['z = 0', 'q = 7 / z', 'y = 1'],
      argTooBig: ['p = malloc(8)', 'q = malloc(p * 100000000)'],
    };
    const module = join(EXAMPLES, 'return-string', 'return-string.wasm');
    const hosts = hostsBesideRun(Object.fromEntries(Object.entries(cases).map(([name, steps]) => [name, { module, steps }])));
    expect(canonical(JSON.parse(hosts.wide!.ran.stdout.trim().split('\n').at(-1)!))).toEqual({
      a: '18446744073709551615', b: 4294967295, c: '9223372036854775808', d: '-9223372036854775809', e: '340282366920938463426481119284349108225',
      f: '-18446744073709551616', g: -3, h: -1, i: -1, j: '18446744073709551871',
    });
    expect(hosts.tooBig!.ran.stderr).toBe('✗ line 4: write u64 x @ p: write u64: 18446744073709551616 does not fit in 64 bits (-9223372036854775808 to 18446744073709551615)\n');
  }, 900_000);
});

describe.runIf(WAZERO !== undefined && existsSync(GO))('Go: failures on wazero, said as run says them', () => {
  it('a trap, an access outside memory, a negative length or address, a failed expect on text: at run\'s place, in run\'s words where the host words it (a trap and a memory error named no line; a negative length was "read at 1024")', () => {
    const dirOf = join(EXAMPLES, 'trap');
    const cases: Record<string, { module: string; steps: string[] }> = {
      trap: { module: join(dirOf, 'trap.wasm'), steps: ['write u32 10 @ 256', 'avg = report(256, 4)', 'oops = report(256, 0)'] },
      read: { module: join(EXAMPLES, 'return-string', 'return-string.wasm'), steps: ['a = 1', 'x = read u32 @ 100000000'] },
      length: { module: join(EXAMPLES, 'return-string', 'return-string.wasm'), steps: ['n = 0 - 5', 'x = read bytes @ 1024 [n]'] },
      address: { module: join(EXAMPLES, 'return-string', 'return-string.wasm'), steps: ['p = 0 - 1', 'write u8 1 @ p'] },
      write: { module: join(EXAMPLES, 'return-string', 'return-string.wasm'), steps: ['p = 131070', 'write u32 1 @ p'] },
      text: { module: join(EXAMPLES, 'return-string', 'return-string.wasm'), steps: ['p = malloc(16)', 'write utf8 "hé\\n" @ p', 't = read utf8 @ p [4]', 'expect t == "he"'] },
      // Run's words: "no terminating NUL after 131071"; a read past 64 MiB went on; text == 65 did not build.
      noNul: { module: join(EXAMPLES, 'return-string', 'return-string.wasm'), steps: ['write bytes "41" @ 131071', 'x = read utf8 @ 131071'] },
      limit: { module: join(EXAMPLES, 'return-string', 'return-string.wasm'), steps: ['x = read bytes @ 0 [67108865]'] },
      compare: { module: join(EXAMPLES, 'return-string', 'return-string.wasm'), steps: ['p = malloc(16)', 't = read utf8 @ p [1]', 'expect t == 65'] },
    };
    const hosts = hostsBesideRun(cases);
    const said: Record<string, string> = {};
    for (const [name, { ran, out }] of Object.entries(hosts)) {
      const failed = out.steps.find((x) => !x.ok)!;
      said[name] = ran.stderr.split('\n')[0]!;
      // Every failure is run's words at run's step, a trap too (trapWords; it was wazero's
      // "wasm error: …"), as the JavaScript program says it (the step's text was left out): a trap
      // and an expect at run's line:column, an address, a length or a read's end at the line alone.
      expect(said[name], name).toBe(hostFailure(failed, { inPart: ['read', 'length', 'address', 'write', 'noNul', 'limit'].includes(name) }));
    }
    expect(said.trap).toBe('✗ line 4:8: oops = report(256, 0): trap: divide by zero in divide');
    expect(said.length).toBe('✗ line 3: x = read bytes @ 1024 [n]: the length -5 is outside linear memory');
    expect(said.text).toBe('✗ line 5:8: expect t == "he": expected t == "he", but t is "hé\\n"');
  }, 900_000);
});

describe.runIf(WAZERO !== undefined && existsSync(GO))('Go: proc_exit from any export on wazero, as run ends there', () => {
  it('exit(0) ends the sequence and passes, the steps after it not run; another code fails in run\'s words, -1 said unsigned (all three were "module closed with exit_code(0)", "…(3)", "…context canceled")', () => {
    // A reactor from clang-19 (../cli/testdata/exit-leak.c): quit(code) calls exit(code).
    const module = join(PACKAGE_ROOT, 'src-main/cli/testdata/exit-leak.wasm');
    const codes: Record<string, number> = { zero: 0, three: 3, minusOne: -1 };
    const hosts = hostsBesideRun(Object.fromEntries(Object.entries(codes).map(([name, code]) => [name, { module, steps: ['p = keep(16)', `quit(${code})`, 'q = keep(8)'] }])));
    for (const [name, { ran, out }] of Object.entries(hosts)) {
      const failed = out.steps.find((x) => !x.ok);
      expect(ran.stderr.split('\n').filter((l) => l.startsWith('✗')), name).toEqual(failed ? [hostFailure(failed)] : []);
    }
    expect(hosts.minusOne!.out.steps[1]!.error!.message).toBe('the guest called proc_exit(4294967295)');
  }, 900_000);
});

describe.runIf(WAZERO !== undefined && existsSync(GO))('Go: assigned structs on wazero', () => {
  it('a struct assigned is copied field by field, a struct inside one written as an object of its own, as run does (t = s was left out: no build; "in.w" was flat)', () => {
    const steps = ['p = malloc(32)', 'point_init(p, 3, 4, 7)', 's = read {x: i32, y: i32, in: {w: f64, tag: u8}} @ p', 't = s', 'u = t.in',
      't = u', 'v = t.tag + s.in.w', 'expect u.tag == 7', 'expect t.w == 5'];
    // The host's exit status and bindings are run's (hostsBesideRun); run's are the struct copied.
    const { copy } = hostsBesideRun({ copy: { module: join(EXAMPLES, 'c-struct', 'c-struct.wasm'), steps } });
    expect(copy!.ran.status).toBe(0);
    expect(copy!.out.bindings).toMatchObject({ t: { w: 5, tag: 7 }, u: { w: 5, tag: 7 }, s: { in: { w: 5, tag: 7 } } });
  }, 600_000);
});

describe.runIf(existsSync(GO))('Go: sequence integers and stored values, without wazero', () => {
  const returnString = join(EXAMPLES, 'return-string');
  /** The Go host of `steps` (the module beside them in dir). */
  const host = (dir: string, module: string, steps: string[]) => goHost([`module "${module}"`, ...steps, ''].join('\n'), join(dir, 'inline.wseq'), join(dir, module), dir);
  const dir = mkdtempSync(join(tmpdir(), 'memscope-go-seqs-'));
  /** The arguments of each export call in the Go host of `steps`. */
  const callArgs = (dir: string, module: string, steps: string[]) => [...host(dir, module, steps).matchAll(/\.Call\(cctx, (.*)\)$/gm)].map((m) => m[1]!);

  /** The steps of a host that need no module (integers, floats, expect), between its declarations and its end. */
  const steps = (source: string) => source.slice(source.indexOf('\tvar (\n'), source.lastIndexOf('\tprintBound()'));

  it('compute integers exactly across the u64 and i64 range and floats as run does (integers were int64: a u64 >> 32 came out -1, 2^63-1 + 1 did not compile)', () => {
    const text = ['a = 18446744073709551615', 'b = a >> 32', 'c = 9223372036854775807 + 1', 'd = -9223372036854775808 - 1', 'e = a * a', 'f = ~a',
      'g = -7 / 2', 'h = -7 % 2', 'i = -1 >> 1', 'j = (a & 0xff) | (1 << 64)', 'k = -0.0', 'l = 1.5 / 0', 'm = 0.0 / 0', 'n = -7.5 % 2', 'o = a + 0.5',
      'expect b == 0xffffffff', 'expect c > 9223372036854775807', 'expect m != m', 'expect o == 18446744073709551615 + 1'];
    const source = host(returnString, 'return-string.wasm', text);
    const ran = runCore(steps(source));
    expect(ran.stderr).toBe('');
    const seq = join(mkdtempSync(join(dir, 'seq-')), 'wide.wseq');
    writeFileSync(seq, [`module "${join(returnString, 'return-string.wasm')}"`, ...text, ''].join('\n'));
    const bindings = { a: '18446744073709551615', b: 4294967295, c: '9223372036854775808', d: '-9223372036854775809', e: '340282366920938463426481119284349108225',
      f: '-18446744073709551616', g: -3, h: -1, i: -1, j: '18446744073709551871', k: '-0', l: 'Infinity', m: 'NaN', n: -1.5, o: 18446744073709552000 };
    expect(canonical(JSON.parse(ran.stdout.trim().split('\n').at(-1)!))).toEqual(canonical(bindings));
    expect(runReference(seq)).toEqual({ bindings, ok: true });
  }, 600_000);

  it('a binding named as one of the prelude\'s functions (check, add, num, low) is renamed, not hiding the function (check = 3 made check() no function: no build)', () => {
    // stepLine and showInt too: each step sets stepLine, a failed expect calls showInt.
    const source = host(returnString, 'return-string.wasm', ['add = 1', 'num = 2', 'low = add + num', 'check = low + 1', 'stepLine = 9', 'showInt = 7', 'expect check == 4']);
    // check(err) as a call step ends: main must still see the function.
    const ran = runCore(`${steps(source)}\tcheck(nil)\n`);
    expect(ran.stderr).toBe('');
    expect(JSON.parse(ran.stdout.trim().split('\n').at(-1)!)).toEqual({ add: 1, num: 2, low: 3, check: 4, stepLine: 9, showInt: 7 });
  }, 600_000);

  it('a binding named as the prelude\'s failure functions and state (checkStep, failAt, stepText, trapWords, …) is renamed too (checkStep = 1 made an expect\'s checkStep() no function: no build)', () => {
    const names = ['checkStep', 'failAt', 'stepText', 'trapWords', 'deadlineWords', 'timeLimitMs', 'guestModule', 'exportNames', 'guestOut', 'guestErr', 'jsValue'];
    const source = host(returnString, 'return-string.wasm', [...names.map((n, i) => `${n} = ${i}`), 'expect checkStep == 1']);
    const ran = runCore(steps(source));
    expect(ran.stderr).toBe('✗ line 13:8: expect checkStep == 1: expected checkStep == 1, but checkStep is 0\n');
    expect(JSON.parse(ran.stdout.trim().split('\n').at(-1)!)).toEqual(Object.fromEntries(names.map((n, i) => [n, i])));
  }, 600_000);

  it('a name bound again as another type gets a Go variable of its own (x = 1, then x = 1.5 did not build)', () => {
    const source = host(returnString, 'return-string.wasm', ['x = 1', 'y = x + 1', 'x = 1.5', 'z = x * 2', 'x = 7', 'expect x == 7']);
    expect(source).toContain('x_as_float = flt(1.5)');
    const ran = runCore(steps(source));
    expect(ran.stderr).toBe('');
    expect(JSON.parse(ran.stdout.trim().split('\n').at(-1)!)).toEqual({ x: 7, y: 2, z: 3 });
  }, 600_000);

  it('an assigned text fails its line with run\'s words, the bindings before it kept (the step was left out and later steps naming it did not build)', () => {
    const text = ['a = 1', 'x = "abc"', 'y = x'];
    const ran = runCore(steps(host(returnString, 'return-string.wasm', text)));
    expect(ran.stderr).toBe('✗ line 3: x = "abc": cannot assign text: text and bytes are bound by reads\n');
    expect(ran.status).toBe(1);
    const seq = join(mkdtempSync(join(dir, 'seq-')), 'text.wseq');
    writeFileSync(seq, [`module "${join(returnString, 'return-string.wasm')}"`, ...text, ''].join('\n'));
    const reference = runReference(seq);
    expect(JSON.parse(ran.stdout.trim().split('\n').at(-1)!)).toEqual(reference.bindings);
    expect(reference).toEqual({ bindings: { a: 1 }, ok: false });
  }, 600_000);

  it('a struct assigned copies each field\'s variable, a struct inside one as an object of its own in the bindings (t = s was left out: no build)', () => {
    const source = host(join(EXAMPLES, 'c-struct'), 'c-struct.wasm', ['s = read {x: i32, in: {w: f64}} @ 0', 't = s', 'u = t.in']);
    expect(source).toContain('t_x = s_x\n');
    expect(source).toContain('u_w = t_in_w\n');
    // Fields in the order the struct declares them, as run writes them (a map[string]any sorted them).
    expect(source).toContain('bound.set("t", bound.object("x", jsonInt(t_x), "in", bound.object("w", jsonFloat(t_in_w))))');
    expect(source).toContain('bound.set("u", bound.object("w", jsonFloat(u_w)))');
  });

  it('fail where run fails, with its words: division by zero, a shift past 128', () => {
    const fails = (text: string[]) => runCore(steps(host(returnString, 'return-string.wasm', text)));
    expect(fails(['z = 0', 'q = 7 / z']).stderr).toBe('✗ line 3: q = 7 / z: division by zero\n');
    expect(fails(['z = 0', 'q = 7 % z']).stderr).toBe('✗ line 3: q = 7 % z: division by zero (remainder)\n');
    // run's words for a float in a bit operation (needInt added "needs an integer, not a float").
    expect(fails(['x = 1.5', 'y = x << 2']).stderr).toBe('✗ line 3: y = x << 2: \'<<\' does not apply to a float and an integer\n');
    expect(fails(['x = 1.5', 'y = 1 & x']).stderr).toBe('✗ line 3: y = 1 & x: \'&\' does not apply to an integer and a float\n');
    expect(fails(['x = 1.5', 'y = ~x']).stderr).toBe('✗ line 3: y = ~x: \'~\' does not apply to a float\n');
    const shift = fails(['z = 129', 'q = 1 << z']);
    expect(shift.stderr).toBe('✗ line 3: q = 1 << z: shift count 129 is outside 0..128\n');
    expect(shift.status).toBe(1);
    expect(JSON.parse(shift.stdout.trim().split('\n').at(-1)!)).toEqual({ z: 129 });
  }, 600_000);

  it('a failed expect shows its sides\' values in run\'s words, and text orders by UTF-16 code units as in run (expect said no value; "\\ue000" < "😀" held: UTF-8 byte order)', () => {
    const cases: Record<string, string[]> = {
      int: ['a = 1', 'b = a + 41', 'expect b == 43'], sign: ['x = 0 - 1', 'expect 4294967295 == x'],
      float: ['f = 1000000.0', 'g = f * 1e15', 'expect g == f'], small: ['f = 0.0000001', 'expect f > 1'], literals: ['a = 1', 'expect 1 == 2'],
      // Each with a binding: steps() starts at the bindings' declarations.
      negz: ['z = -0.0', 'expect z == 1'], order: ['a = 1', 'expect "\ue000" < "😀"'], ok: ['expect "😀" < "\ue000"', 'expect "a" < "ab"', 'a = 1'],
    };
    for (const [name, text] of Object.entries(cases)) {
      const ran = runCore(steps(host(returnString, 'return-string.wasm', text)));
      const seq = join(mkdtempSync(join(dir, 'seq-')), `${name}.wseq`);
      writeFileSync(seq, [`module "${join(returnString, 'return-string.wasm')}"`, ...text, ''].join('\n'));
      const { out, status } = runJson(seq);
      const failed = out.steps.find((x) => !x.ok);
      // At run's line:column: the expect's comparison.
      expect(ran.stderr, name).toBe(failed ? `${hostFailure(failed)}\n` : '');
      expect(ran.status, name).toBe(status);
    }
    expect(runCore(steps(host(returnString, 'return-string.wasm', cases.sign!))).stderr)
      .toBe('✗ line 3:8: expect 4294967295 == x: expected 4294967295 == x, but x is -1 (equal as 32-bit values: call results are bound unsigned; compare with 4294967295)\n');
    expect(runCore(steps(host(returnString, 'return-string.wasm', cases.float!))).stderr).toBe('✗ line 4:8: expect g == f: expected g == f, but g is 1e+21, f is 1000000\n');
    expect(runCore(steps(host(returnString, 'return-string.wasm', cases.small!))).stderr).toBe('✗ line 3:8: expect f > 1: expected f > 1, but f is 1e-7\n');
    // -0 with its sign, as run now says it too (run said "z is 0" where Go said -0).
    expect(runCore(steps(host(returnString, 'return-string.wasm', cases.negz!))).stderr).toBe('✗ line 3:8: expect z == 1: expected z == 1, but z is -0\n');
  }, 600_000);

  it('prints each binding as run prints it, and text and JSON as JavaScript writes them (%g wrote 1e+06 and -0, 42 lacked its (0x2a); ff e2 82 41 read as utf8 was three U+FFFD where run has two; U+2028 was escaped)', () => {
    const text = ['a = 1000000.0', 'b = 1e21', 'c = 0.0000001', 'd = -0.0', 'e = 1.5e300', 'f = 0.1 + 0.2', 'n = 42', 'm = 0 - 42', 'k = 7', 'w = 18446744073709551615'];
    const ran = runCore(steps(host(returnString, 'return-string.wasm', text)));
    expect(ran.stderr).toBe('');
    const seq = join(mkdtempSync(join(dir, 'seq-')), 'lines.wseq');
    writeFileSync(seq, [`module "${join(returnString, 'return-string.wasm')}"`, ...text, ''].join('\n'));
    expect(bindingLines(ran.stdout)).toEqual(runBindingLines(seq));
    expect(bindingLines(ran.stdout)).toContain('a = 1000000');
    // An ill-formed part is one U+FFFD, as a TextDecoder makes it; <, & and U+2028 are written as they are.
    const raw = [0xff, 0xe2, 0x82, 0x41, 0x3c, 0xe2, 0x80, 0xa8, 0x26, 0xed, 0xa0, 0x80, 0xf0, 0x9f, 0x98, 0x80];
    const decoded = new TextDecoder().decode(Uint8Array.from(raw));
    const goBytes = raw.map((b) => `\\x${b.toString(16)}`).join('');
    const texts = runCore(`\tbound.set("t", fromUTF8([]byte("${goBytes}")))\n\tfmt.Println(showText(fromUTF8([]byte("${goBytes}"))))`);
    expect(texts.stdout).toBe(`${JSON.stringify(decoded)}\n${JSON.stringify({ t: decoded })}\n`);
    // A call result's signed reading, as run adds it; none for a pointer alloc(n) returned (bits 0).
    const ints = runCore('\tfmt.Println(showBound(unsigned(4294967295), 32), "|", showBound(unsigned(2147483647), 32), "|", showBound(unsigned(4294967295), 0), "|", showBound(num(-42), 0))');
    expect(ints.stdout).toBe('4294967295 (0xffffffff, signed -1) | 2147483647 (0x7fffffff) | 4294967295 (0xffffffff) | -42\n{}\n');
  }, 600_000);

  it('checks a call argument computed from bindings when it runs, as memscope run does: one that does not fit fails its line with run\'s words, one that fits passes; constants are encoded as they are', () => {
    const [constant, tooBig] = callArgs(returnString, 'return-string.wasm', ['p = malloc(8)', 'q = malloc(p * 100000000)']);
    expect(constant).toBe('api.EncodeI32(8)');
    expect(tooBig).toBe('api.EncodeU32(uint32(low(fitInt(mul(p, num(100000000)), 32, "line 3: argument 1 of malloc (i32)"))))');
    const fits = callArgs(returnString, 'return-string.wasm', ['p = malloc(8)', 'q = malloc(p * 100)'])[1]!;
    const [f32] = callArgs(join(import.meta.dirname, 'testdata/value-types'), 'value-types.wasm', ['d = read f64 @ 0', 'e = take_f32(d)']);
    expect(f32).toBe('api.EncodeF32(float32(fitFloat(d, 32, "line 3: argument 1 of take_f32 (f32)")))');
    // Each argument in a program of its own, with its names bound: p as malloc(8) returns it in
    // memscope run, d a float past f32's largest.
    const passed = runCore(`\tp := num(67104)\n\tfmt.Println(${fits})`);
    expect(passed.stderr).toBe('');
    expect(passed.stdout).toBe('6710400\n{}\n');
    const refused = runCore(`\tp := num(67104)\n\tfmt.Println(${tooBig})`);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe('✗ line 3: argument 1 of malloc (i32): 6710400000000 does not fit in 32 bits (-2147483648 to 4294967295)\n');
    const infinite = runCore(`\td := 1e300\n\tfmt.Println(${f32})`);
    expect(infinite.status).toBe(1);
    expect(infinite.stderr).toBe('✗ line 3: argument 1 of take_f32 (f32): 1e+300 does not fit in f32 (-3.4028234663852886e+38 to 3.4028234663852886e+38)\n');
  }, 600_000);
});

/** The error `memscope run --json` fails a sequence's step with, as the hosts say it: `line N: …`. */
function runError(seq: string): string | undefined {
  const failed = runJson(seq).out.steps.find((s) => !s.ok);
  return failed && `line ${failed.line}: ${failed.error?.message}`;
}

describe.runIf(existsSync(GO))('Go: a trap in memscope run\'s words, without wazero', () => {

  it('says each trap as run says it, at its line, exit 1, with the function run names (it printed wazero\'s "wasm error: integer divide by zero" and its whole stack trace)', () => {
    // wazero's text for trap.wasm's traps (v1.5 to v1.9, internal/wasmdebug: the message, then each
    // frame innermost first as <module>.<function><signature>; trap.wasm's module has no name).
    const trace = (frames: string[]) => `\nwasm stack trace:\n\t${frames.join('\n\t')}`;
    const cases: [string, string][] = [
      ['oops = report(256, 0)', `wasm error: integer divide by zero${trace(['.divide(i32,i32) i32', '.mean(i32,i32) i32', '.average(i32,i32) i32', '.report(i32,i32) i32'])}`],
      ['x = peek(65536)', `wasm error: out of bounds memory access${trace(['.load_word(i32) i32', '.peek(i32) i32'])}`],
      ['give_up()', `wasm error: unreachable${trace(['.check_invariant()', '.give_up()'])}`],
      ['x = recurse(0)', `wasm error: stack overflow${trace(['.recurse(i32) i32', '.recurse(i32) i32'])}`],
    ];
    const dir = mkdtempSync(join(tmpdir(), 'memscope-go-trap-seq-'));
    const said = cases.map(([call], i) => {
      const seq = join(dir, `trap${i}.wseq`);
      writeFileSync(seq, [`module "${join(EXAMPLES, 'trap', 'trap.wasm')}"`, call, ''].join('\n'));
      return runError(seq)!.replace(/^line \d+: /, '');
    });
    expect(said[0]).toBe('trap: divide by zero in divide');
    // JSON's escapes are Go's for these texts (\n, \t, \").
    const ran = runCore([...cases.map(([, text]) => `\tfmt.Println(trapWords(${JSON.stringify(text)}))`),
      // Named by the module's name first; a function the name section leaves out by its export, else func[N].
      '\tguestModule = "m"', '\texportNames[3] = "noname"',
      `\tfmt.Println(trapWords(${JSON.stringify(`wasm error: invalid table access${trace(['m.$3(i32) (i32,i64)'])}`)}))`,
      `\tfmt.Println(trapWords(${JSON.stringify(`wasm error: integer overflow${trace(['m.$4(i64,i64) i64'])}`)}))`,
      `\tfmt.Println(trapWords(${JSON.stringify(`wasm error: invalid conversion to integer${trace(['m.f(int) const(f64) i32', 'm.g()'])}`)}))`,
      // Another error is as it was: a host function's panic, a trap wazero words otherwise.
      `\tfmt.Println(trapWords(${JSON.stringify(`abort: x (recovered by wazero)${trace(['env.abort(i32,i32,i32,i32)'])}`)}))`,
      `\tfmt.Println(trapWords(${JSON.stringify(`wasm error: unaligned atomic${trace(['m.f()'])}`)}))`,
      '\tguestModule = ""', '\tbound.step(28, 8, "oops = report(256, 0)")', `\tcheckStep(errors.New(${JSON.stringify(cases[0]![1])}))`].join('\n'));
    const abort = `abort: x (recovered by wazero)${trace(['env.abort(i32,i32,i32,i32)'])}`;
    expect(ran.stdout).toBe([...said, 'trap: null function or function signature mismatch in noname', 'trap: divide result unrepresentable in func[4]',
      'trap: float unrepresentable in integer range in f(int) const', abort, `wasm error: unaligned atomic${trace(['m.f()'])}`, '{}', ''].join('\n'));
    // As run fails the step: at its line and text, the bindings after, exit 1.
    expect(ran.stderr).toBe('✗ line 28:8: oops = report(256, 0): trap: divide by zero in divide\n');
    expect(ran.status).toBe(1);
  }, 600_000);

  it('names each function the name section leaves out by its export, as run does', () => {
    const dir = join(import.meta.dirname, 'testdata/value-types');
    const source = goHost('module "value-types.wasm"\nx = add(1, 2)\n', join(dir, 'inline.wseq'), join(dir, 'value-types.wasm'), dir);
    expect(source).toContain('\tguestModule = mod.Name()\n\texportNames[0] = "add"\n\texportNames[1] = "take_i64"\n');
  });
});
