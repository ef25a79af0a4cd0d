// An export whose name is no identifier ("my-func", "café") is named in an argument's error as
// the sequence writes it, quoted, by run and by the three programs export-host writes (they
// said "argument 1 of my-func", which reads as three words). Module: testdata/quoted-names.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memscope } from '../cli/testing/memscope-cli.ts';
import { exportHost } from './index.ts';

const DIR = join(import.meta.dirname, 'testdata/quoted-names');
const MODULE = join(DIR, 'quoted-names.wasm');
const OUT = mkdtempSync(join(tmpdir(), 'memscope-export-quoted-'));

const node = (args: string[]) => spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 60_000 });

function sequence(name: string, steps: string): string {
  const seq = join(OUT, `${name}.wseq`);
  writeFileSync(seq, `module "${MODULE}"\n${steps}`);
  return seq;
}

/** The program export-host writes in `language` for steps. */
function source(language: 'go' | 'rust', steps: string): string {
  const r = exportHost({ language, sequenceText: `module "quoted-names.wasm"\n${steps}`, sequenceFile: join(DIR, 'inline.wseq'),
    moduleBytes: readFileSync(MODULE), moduleFile: MODULE, outDir: OUT });
  if (!r.ok) throw new Error(r.message);
  return r.source;
}

describe('an export named as no identifier, in argument errors', () => {
  it('run and the JavaScript program fail an argument that does not fit with the callee quoted, in the same words', () => {
    const seq = sequence('computed', 'n = 1 << 40\nr = "my-func"(n)\n');
    const reference = JSON.parse(memscope(['run', seq, '--json']).stdout) as { steps: { line: number; source: string; ok: boolean; error?: { message: string } }[] };
    const failed = reference.steps.find((s) => !s.ok)!;
    expect(failed.error!.message).toBe('argument 1 of "my-func" (i32): 1099511627776 does not fit in 32 bits (-2147483648 to 4294967295)');
    const program = join(OUT, 'computed.mjs');
    expect(memscope(['export-host', seq, '--lang', 'js', '--out', program]).status).toBe(0);
    const ran = node([program]);
    expect(ran.status).toBe(1);
    expect(ran.stderr.split('\n').filter((l) => l.startsWith('✗'))).toEqual([`✗ line ${failed.line}: ${failed.source}: ${failed.error!.message}`]);
  });

  it('a constant that does not fit is refused by export-host as run refuses it, naming the callee quoted', () => {
    const seq = sequence('constant', 'r = "café"(1 << 64)\n');
    const ran = memscope(['run', seq]);
    const exported = memscope(['export-host', seq, '--lang', 'js', '--out', join(OUT, 'constant.mjs')]);
    expect([ran.status, exported.status]).toEqual([2, 2]);
    for (const out of [ran.stderr, exported.stderr]) expect(out).toContain('argument 1 of "café" (i64)');
  });

  it('the Go and Rust programs carry the callee quoted in the error of an argument checked when it runs', () => {
    // Go's and Rust's string literals of `line 3: argument 1 of "my-func" (i32)`.
    expect(source('go', 'n = 1 << 40\nr = "my-func"(n)\n')).toContain('fitInt(n, 32, "line 3: argument 1 of \\"my-func\\" (i32)")');
    expect(source('rust', 'n = 1 << 40\nr = "my-func"(n)\n')).toContain('"line 3: argument 1 of \\"my-func\\" (i32)"');
  });
});
