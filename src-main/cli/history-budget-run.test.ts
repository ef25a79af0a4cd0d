// A long run that changes 1 MiB of incompressible memory at every step stays within the
// history budget (issue 13, item 3: without one, 5,000 such steps held 5.4 GB), measured as
// the peak RSS of a real `memscope run` process.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const MIB = 1 << 20;
const STEPS = 1000;
const dir = mkdtempSync(join(tmpdir(), 'memscope-history-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('memscope run and a long run of 1 MiB steps', () => {
  it(`keeps ${STEPS} steps of 1 MiB each within the budget`, () => {
    const seq = join(dir, 'scribble.wseq');
    const lines = Array.from({ length: STEPS }, (_, i) => `scribble(${i * 7919 + 1})`);
    writeFileSync(seq, `module "${join(ROOT, 'src-main', 'testdata', 'scribble.wasm')}"\ntimeout 600000\n${lines.join('\n')}\n`);
    const rss = join(dir, 'rss');
    const r = spawnSync('/usr/bin/time', ['-f', '%M', '-o', rss, process.execPath, join(ROOT, 'bin', 'memscope.js'), 'run', seq], {
      stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: 280_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const peak = Number(readFileSync(rss, 'utf8').trim().split('\n').at(-1)) * 1024;
    if (process.env.MEMSCOPE_FIGURES) console.log(`${STEPS} x 1 MiB steps: peak RSS ${(peak / MIB).toFixed(0)} MiB`);
    // The default budget is 256 MiB of history; 1000 MiB of steps must not all be held.
    expect(peak).toBeLessThan(700 * MIB);
  }, 300_000);
});
