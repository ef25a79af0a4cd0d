// `memscope export-host --lang go` on the edges of what `memscope run` does, as the JavaScript
// program's (export-host-js-edges.test.ts): guest output that leaves a line open, a trap in a
// function the name section does not name or names with spaces, a module with no memory,
// bindings named like Go or Rust keywords, a step that never returns. Built and run on wazero when MEMSCOPE_WAZERO_SRC is a
// wazero tree (see export-host-go-run.test.ts); the source checks need neither. The Go program
// says a failure as the JavaScript program does, `✗ line N:C: step: message` (run's message after
// the step's text; `line N:` alone for a part of the line, hostFailure), and its bindings line in run's key order.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memscope } from '../cli/testing/memscope-cli.ts';
import { GO_CORE } from './go-prelude.ts';
import { exportHost } from './index.ts';
import { hostFailure, type RunStep } from './testing/run-failure.ts';

const EDGES = join(import.meta.dirname, 'testdata/edges');
const GO = '/usr/lib/go-1.19/bin/go';
const WAZERO = process.env.MEMSCOPE_WAZERO_SRC;

/** edges.wasm with a name section naming boom (function 3) as C++ names "void f(int, int)". */
function spacedModule(dir: string): string {
  const name = Buffer.from('void f(int, int)');
  const names = Buffer.from([1, name.length + 3, 1, 3, name.length, ...name]);
  const section = Buffer.concat([Buffer.from([4]), Buffer.from('name'), names]);
  const file = join(dir, 'spaced.wasm');
  writeFileSync(file, Buffer.concat([readFileSync(join(EDGES, 'edges.wasm')), Buffer.from([0, section.length]), section]));
  return file;
}

const CASES: Record<string, [module: string, steps: string]> = {
  openLine: ['edges.wasm', 'x = id32(5)\nn = say()\ny = id32(6)\n_ = say()\n'],
  openLineTimeout: ['edges.wasm', 'timeout 5000\nx = id32(5)\nn = say()\ny = id32(6)\n_ = say()\n'],
  openLineFail: ['edges.wasm', 'timeout 5000\nn = say()\nboom()\n'],
  unnamedTrap: ['edges.wasm', 'boom()\n'],
  // A step that never returns: stopped at the sequence's limit, or at run's default one (5000 ms).
  spin: ['edges.wasm', 'timeout 300\nx = id32(5)\nspin()\ny = id32(6)\n'],
  spinDefault: ['edges.wasm', 'x = id32(5)\nspin()\n'],
  spacedName: ['spaced.wasm', 'deep()\n'],
  noMemoryRead: ['no-memory.wasm', 'x = add(2, 3)\ny = read u8 @ 0\n'],
  noMemoryWrite: ['no-memory.wasm', 'x = add(2, 3)\nwrite u8 1 @ 0\n'],
  // run's object keeps binding order (b first, bound again in place) and a struct's field order.
  order: ['edges.wasm', 'b = 1\na = 2\nb = 3\nwrite u64 0 @ 0\ns = read {y: u32, x: u32} @ 0\n'],
  keywords: ['edges.wasm', 'type = 7\nfn = type + 1\nmatch = 2\nself = 3\nlen = 4\nstring = 5\nguestOut = 6\nshow = 7\nbindings = 8\n'
    + 'write u64 0 @ 0\nwrite u32 0 @ 8\ns = read {type: u32, fn: u32, len: u32} @ 0\ne = s.type + s.fn + match\nimpl = id32(fn)\n'],
};

describe('export-host --lang go at the edges: the program', () => {
  const source = (module: string, steps: string) => {
    const file = join(EDGES, module);
    const r = exportHost({ language: 'go', sequenceText: `module "${module}"\n${steps}`, sequenceFile: join(EDGES, 'inline.wseq'),
      moduleBytes: readFileSync(file), moduleFile: file, outDir: EDGES });
    if (!r.ok) throw new Error(r.message);
    return r.source;
  };

  it('passes the guest\'s output through writers that know whether it left a line open, and prints its own lines after ending it', () => {
    const go = source('edges.wasm', 'n = say()\n');
    expect(go).toContain('.WithStdout(guestOut).WithStderr(guestErr)');
    expect(go).toContain('bound.show("n = %s\\n", showBound(n, 32))');
    expect(go).not.toMatch(/fmt\.Printf|os\.Stdout\.Write/);
  });

  it('a module with no memory: mem is a nil api.Memory, which place() takes as 0 bytes (wazero\'s nil *MemoryInstance panicked in Size)', () => {
    expect(source('no-memory.wasm', 'x = add(2, 3)\n')).toContain('\tvar mem api.Memory // the module has no memory\n');
    expect(source('edges.wasm', 'x = id32(2)\n')).toContain('\tmem := mod.Memory()\n');
  });
});

describe.runIf(existsSync(GO))('export-host --lang go: lines of its own after open guest output, without wazero', () => {
  it('a binding, the failure and the JSON line each start a line after guest output on stdout or stderr that left one open; the JSON in run\'s key order', () => {
    // GO_CORE as it is, as export-host-go-run.test.ts builds it, with a main writing as the guest would.
    const dir = mkdtempSync(join(tmpdir(), 'memscope-go-lines-'));
    const env = { ...process.env, GOCACHE: join(dir, 'cache'), GOPATH: join(dir, 'gopath'), GOPROXY: 'off', GO111MODULE: 'off' };
    writeFileSync(join(dir, 'main.go'), ['package main', '',
      'import (\n\t"encoding/hex"\n\t"encoding/json"\n\t"errors"\n\t"fmt"\n\t"math"\n\t"math/big"\n\t"os"\n\t"regexp"\n\t"strconv"\n\t"strings"\n\t"unicode/utf16"\n\t"unicode/utf8"\n)', '',
      'type encoder struct{}', 'func (encoder) EncodeU32(v uint32) uint64 { return uint64(v) }', 'func (encoder) EncodeI64(v int64) uint64 { return uint64(v) }',
      'func (encoder) EncodeF32(v float32) uint64 { return uint64(math.Float32bits(v)) }', 'var api encoder', '', GO_CORE,
      'func main() {', '\tguestOut.Write([]byte("no newline"))', '\tbound.show("n = %s\\n", showBound(big.NewInt(1), 0))', '\tbound.set("n", jsonInt(big.NewInt(1)))',
      '\tguestOut.Write([]byte("again"))',
      // n bound again keeps its place, the struct its fields' order, as in run's object.
      '\tbound.set("s", bound.object("y", jsonInt(big.NewInt(0)), "x", jsonFloat(0.5)))', '\tbound.set("n", jsonInt(big.NewInt(2)))', '\tguestErr.Write([]byte("open on stderr"))', '\tbound.step(3, 5, "n = say()")', '\tcheck(errors.New("line 3: it failed"))', '}', ''].join('\n'));
    const built = spawnSync(GO, ['build', '-o', join(dir, 'main'), join(dir, 'main.go')], { cwd: dir, env, encoding: 'utf8', timeout: 300_000 });
    expect(built.stderr).toBe('');
    const ran = spawnSync(join(dir, 'main'), { encoding: 'utf8' });
    expect(ran.status).toBe(1);
    expect(ran.stdout).toBe('no newline\nn = 1\nagain\n{"n":2,"s":{"y":0,"x":0.5}}\n');
    expect(ran.stderr).toBe('open on stderr\n✗ line 3: n = say(): it failed\n');
  }, 300_000);
});

describe.runIf(WAZERO !== undefined && existsSync(GO))('export-host --lang go at the edges, on wazero', () => {
  it('each program matches memscope run: lines of its own after open guest output, trap names, no memory, keyword names', () => {
    const dir = mkdtempSync(join(tmpdir(), 'memscope-go-edges-'));
    const env = { ...process.env, GOCACHE: join(dir, 'cache'), GOPATH: join(dir, 'gopath'), GOPROXY: 'off', GOFLAGS: '-mod=mod' };
    writeFileSync(join(dir, 'go.mod'), `module hosts\n\ngo 1.19\n\nrequire github.com/tetratelabs/wazero v1.5.0\n\nreplace github.com/tetratelabs/wazero => ${WAZERO}\n`);
    const spaced = spacedModule(dir);
    for (const [name, [module, steps]] of Object.entries(CASES)) {
      writeFileSync(join(dir, `${name}.wseq`), `module "${module === 'spaced.wasm' ? spaced : join(EDGES, module)}"\n${steps}`);
      mkdirSync(join(dir, 'p', name), { recursive: true });
      const exported = memscope(['export-host', join(dir, `${name}.wseq`), '--lang', 'go', '--out', join(dir, 'p', name, 'main.go')]);
      expect(exported.status, exported.stderr).toBe(0);
    }
    const build = spawnSync(GO, ['build', '-o', join(dir, 'bin') + '/', './p/...'], { cwd: dir, env, encoding: 'utf8', timeout: 600_000 });
    expect(build.status, build.stderr).toBe(0);
    const ran: Record<string, { status: number | null; stdout: string; failures: string[] }> = {};
    for (const name of Object.keys(CASES)) {
      const r = spawnSync(join(dir, 'bin', name), [], { cwd: join(dir, 'p', name), encoding: 'utf8', timeout: 120_000 });
      const reference = memscope(['run', join(dir, `${name}.wseq`), '--json'], { timeout: 120_000 });
      const out = JSON.parse(reference.stdout) as { bindings: unknown; steps: RunStep[] };
      ran[name] = { status: r.status, stdout: r.stdout, failures: r.stderr.split('\n').filter((l) => l.startsWith('✗')) };
      expect(r.status, `${name}: ${r.stderr}`).toBe(reference.status);
      // The same text: run's key order too (Go's maps wrote theirs sorted by name).
      expect(r.stdout.trim().split('\n').at(-1), name).toBe(JSON.stringify(out.bindings));
      // A read outside memory at its line (the address is a part of it); a trap at run's line:column.
      expect(ran[name]!.failures, name).toEqual(out.steps.filter((s) => !s.ok).map((s) => hostFailure(s, { inPart: name === 'noMemoryRead' })));
    }
    // They ran on: "no newlinen = 0", and "no newline{…}" was no JSON line.
    for (const name of ['openLine', 'openLineTimeout']) expect(ran[name]!.stdout, name).toBe('x = 5\nno newline\nn = 0\ny = 6\nno newline\n{"x":5,"n":0,"y":6}\n');
    expect(ran.openLineFail!.stdout).toBe('no newline\nn = 0\n{"n":0}\n');
    // As run's step line and the JavaScript program say it (the step's text was left out).
    expect(ran.unnamedTrap!.failures).toEqual(['✗ line 2:1: boom(): trap: unreachable in boom']);
    expect(ran.spacedName!.failures).toEqual(['✗ line 2:1: deep(): trap: unreachable in void f(int, int)']);
    expect(ran.order!.stdout.trim().split('\n').at(-1)).toBe('{"b":3,"a":2,"s":{"y":0,"x":0}}');
    // It panicked in wazero's MemoryInstance.Size, exit 2, with no JSON line.
    expect(ran.noMemoryRead!.failures).toEqual(['✗ line 3: y = read u8 @ 0: memory access out of bounds: [0x0, +1) is outside linear memory of 0 bytes']);
  }, 900_000);
});
