// The Go goldens compiled and run for real, when a wazero source tree is at hand: wazero is not
// installable offline, so this runs only with MEMSCOPE_WAZERO_SRC pointing at a checkout of
// tetratelabs/wazero (v1.5.0 is the newest that Debian's Go 1.19 builds; the API the programs
// use is the same in v1.9.0) and /usr/lib/go-1.19. Each program must print the bindings
// `memscope run --json` prints, with the same exit status.

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

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
