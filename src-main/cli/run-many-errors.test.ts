// `memscope run` of a sequence with 100,000 bad lines: the first 50 errors, then how many more
// (it printed all 300,000 lines); exit 2 and the first error's line:column kept. --json lists the
// same errors as the text (and the page): the 50 and the count, not 19 MB of them.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../paths.ts';

const BIN = join(PACKAGE_ROOT, 'bin/memscope.js');
const MODULE = join(PACKAGE_ROOT, 'src-main/export-host/testdata/edges/edges.wasm');
const DIR = mkdtempSync(join(tmpdir(), 'memscope-run-errors-'));

function sequence(name: string, line: (i: number) => string): string {
  const file = join(DIR, name);
  writeFileSync(file, `module "${MODULE}"\n${Array.from({ length: 100_000 }, (_, i) => line(i)).join('\n')}\n`);
  return file;
}

const run = (args: string[]) => spawnSync(process.execPath, [BIN, 'run', ...args], { encoding: 'utf8', timeout: 120_000 });

describe('memscope run, a sequence with 100,000 bad lines', () => {
  it.each([
    ['parse errors', 'parse.wseq', (i: number) => `x = = ${i}`, ':2:5: expected a number', ':52:5: … and 99950 more syntax errors, 100000 in all, the first of them here: fixing those above lists the next (the checks against the module run once every line parses)'],
    ['unknown exports (validation)', 'exports.wseq', (i: number) => `nosuch${i}()`, ":2:1: the module exports no function 'nosuch0'", ':52:1: … and 99950 more errors, 100000 in all, the first of them here: fixing those above lists the next'],
  ])('%s: the first 50 and a count, exit 2, the first error first', (_what, name, line, first, last) => {
    const file = sequence(name, line);
    const ran = run([file]);
    expect(ran.status).toBe(2);
    const said = ran.stderr.trimEnd().split('\n');
    // Each error is its line and the source with a caret under it; the count is one line.
    expect(said).toHaveLength(50 * 3 + 1);
    expect(said[0]).toContain(`${file}${first}`);
    expect(said.at(-1)).toBe(`${file}${last}`);
    const json = run([file, '--json']);
    expect(json.status).toBe(2);
    const out = JSON.parse(json.stdout) as { ok: boolean; errors: { message: string; where?: { line?: number; column?: number } }[] };
    expect(out.ok).toBe(false);
    expect(out.errors).toHaveLength(51);
    expect(out.errors[0]!.where).toMatchObject({ line: 2 });
    expect(out.errors[50]).toMatchObject({ message: last.slice(last.indexOf('…')), where: { line: 52 } });
  }, 120_000);
});
