// The Go goldens compiled and run for real, when a wazero source tree is at hand: wazero is not
// installable offline, so this runs only with MEMSCOPE_WAZERO_SRC pointing at a checkout of
// tetratelabs/wazero (v1.5.0 is the newest that Debian's Go 1.19 builds; the API the programs
// use is the same in v1.9.0) and /usr/lib/go-1.19. Each program must print the bindings
// `memscope run --json` prints, with the same exit status. Without wazero, the prelude's check of
// a computed argument (fitArg) is built and run on its own, with Go alone.

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GO_FIT } from './go-prelude.ts';
import { exportHost } from './index.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const GOLDEN = join(import.meta.dirname, 'testdata/golden');
const EXAMPLES = join(ROOT, 'resources/examples');
const GO = '/usr/lib/go-1.19/bin/go';
const WAZERO = process.env.MEMSCOPE_WAZERO_SRC;

const sequences = readdirSync(EXAMPLES, { withFileTypes: true }).filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(join(EXAMPLES, d.name)).filter((f) => f.endsWith('.wseq')).map((f) => join(EXAMPLES, d.name, f)));

/** Bindings compared as data: key order aside, integers whether JSON numbers or decimal text. */
function canonical(v: unknown): unknown {
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  if (v && typeof v === 'object' && !Array.isArray(v)) return Object.fromEntries(Object.entries(v).sort().map(([k, x]) => [k, canonical(x)]));
  return v;
}

describe.runIf(WAZERO !== undefined && existsSync(GO))('Go goldens on wazero', () => {
  it('every program builds, runs and matches memscope run --json', () => {
    const dir = mkdtempSync(join(tmpdir(), 'memscope-go-'));
    const env = { ...process.env, GOCACHE: join(dir, 'cache'), GOPATH: join(dir, 'gopath'), GOPROXY: 'off', GOFLAGS: '-mod=mod' };
    writeFileSync(join(dir, 'go.mod'), `module hosts\n\ngo 1.19\n\nrequire github.com/tetratelabs/wazero v1.5.0\n\nreplace github.com/tetratelabs/wazero => ${WAZERO}\n`);
    for (const seq of sequences) {
      const name = seq.replace(/^.*\//, '').replace(/\.wseq$/, '');
      mkdirSync(join(dir, 'p', name), { recursive: true });
      cpSync(join(GOLDEN, `${name}.go`), join(dir, 'p', name, 'main.go'));
    }
    const build = spawnSync(GO, ['build', '-o', join(dir, 'bin') + '/', './p/...'], { cwd: dir, env, encoding: 'utf8', timeout: 600_000 });
    expect(build.status, build.stderr).toBe(0);
    for (const seq of sequences) {
      const name = seq.replace(/^.*\//, '').replace(/\.wseq$/, '');
      const ran = spawnSync(join(dir, 'bin', name), [], { cwd: dirname(seq), encoding: 'utf8', timeout: 120_000 });
      const reference = spawnSync(process.execPath, [join(ROOT, 'bin/memscope.js'), 'run', seq, '--json'], { encoding: 'utf8', timeout: 120_000 });
      const last = ran.stdout.trim().split('\n').at(-1)!;
      expect(canonical(JSON.parse(last)), name).toEqual(canonical(JSON.parse(reference.stdout).bindings));
      // A step that is Memscope's own (heap-ledger checks) is named, not checked: no verdict to compare.
      if (!readFileSync(join(GOLDEN, `${name}.go`), 'utf8').includes('not translated:')) expect(ran.status === 0, name).toBe(reference.status === 0);
    }
  }, 900_000);
});

describe.runIf(existsSync(GO))('Go: arguments computed from bindings, without wazero', () => {
  /** The arguments of each export call in the Go host of `steps` (the module beside them in dir). */
  const callArgs = (dir: string, module: string, steps: string[]) => {
    const r = exportHost({ language: 'go', sequenceText: [`module "${module}"`, ...steps, ''].join('\n'), sequenceFile: join(dir, 'inline.wseq'),
      moduleBytes: readFileSync(join(dir, module)), moduleFile: join(dir, module), outDir: dir });
    if (!r.ok) throw new Error(r.message);
    return [...r.source.matchAll(/\.Call\(cctx, (.*)\)$/gm)].map((m) => m[1]!);
  };

  it('checks them with the prelude\'s fitArg when they run, as memscope run does: one that does not fit fails its line with run\'s words, one that fits passes; constants are written as they were', () => {
    const returnString = join(EXAMPLES, 'return-string');
    const [constant, tooBig] = callArgs(returnString, 'return-string.wasm', ['p = malloc(8)', 'q = malloc(p * 100000000)']);
    expect(constant).toBe('api.EncodeI32(int32(wrap(8)))');
    expect(tooBig).toBe('api.EncodeI32(int32(fitArg((p * 100000000), "i32", "line 3: argument 1 of malloc")))');
    const fits = callArgs(returnString, 'return-string.wasm', ['p = malloc(8)', 'q = malloc(p * 100)'])[1]!;
    const [f32] = callArgs(join(import.meta.dirname, 'testdata/value-types'), 'value-types.wasm', ['d = read f64 @ 0', 'e = take_f32(d)']);
    expect(f32).toBe('api.EncodeF32(float32(fitArg(d, "f32", "line 3: argument 1 of take_f32")))');
    // The prelude's fitArg as it is, with the prelude's check less its bindings line and a stand-in
    // for the two api.Encode… functions; each argument in a program of its own, with its names
    // bound: p as malloc(8) returns it in memscope run, d a float past f32's largest.
    const dir = mkdtempSync(join(tmpdir(), 'memscope-go-fit-'));
    const env = { ...process.env, GOCACHE: join(dir, 'cache'), GOPATH: join(dir, 'gopath'), GOPROXY: 'off', GO111MODULE: 'off' };
    const run = (decl: string, arg: string) => {
      const main = join(mkdtempSync(join(dir, 'p-')), 'main.go');
      writeFileSync(main, [
        'package main', '', 'import (\n\t"fmt"\n\t"math"\n\t"os"\n)', '',
        'type encoder struct{}', '',
        'func (encoder) EncodeI32(v int32) uint64   { return uint64(uint32(v)) }',
        'func (encoder) EncodeF32(v float32) uint64 { return uint64(math.Float32bits(v)) }', '',
        'var api encoder', '',
        'func check(err error) {\n\tif err != nil {\n\t\tfmt.Fprintln(os.Stderr, "✗", err)\n\t\tos.Exit(1)\n\t}\n}', '',
        GO_FIT,
        `func main() {\n\t${decl}\n\tfmt.Println(int32(${arg}))\n}`, '',
      ].join('\n'));
      // Built, then run: `go run` would add its own "exit status 1" line.
      const built = spawnSync(GO, ['build', '-o', main.replace(/\.go$/, ''), main], { cwd: dir, env, encoding: 'utf8', timeout: 300_000 });
      expect(built.stderr).toBe('');
      return spawnSync(main.replace(/\.go$/, ''), { encoding: 'utf8' });
    };
    const passed = run('p := int64(67104)', fits);
    expect(passed.stderr).toBe('');
    expect(passed.stdout).toBe('6710400\n');
    const refused = run('p := int64(67104)', tooBig);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe('✗ line 3: argument 1 of malloc (i32): 6710400000000 does not fit in 32 bits (-2147483648 to 4294967295)\n');
    const infinite = run('d := 1e300', f32);
    expect(infinite.status).toBe(1);
    expect(infinite.stderr).toBe('✗ line 3: argument 1 of take_f32 (f32): 1e+300 does not fit in f32 (-3.4028234663852886e+38 to 3.4028234663852886e+38)\n');
  }, 600_000);
});
