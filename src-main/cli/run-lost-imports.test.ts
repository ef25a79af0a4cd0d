// `memscope run` (text and --json) of a step over its time limit after import calls: the calls'
// records ended with the worker, and both forms still say how many were made.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'memscope.js');
/** chatter(n): n fd_writes of "x\n", then a loop that never ends. */
const CHATTER = join(ROOT, 'src-main', 'engine', 'host', 'testdata', 'chatter-then-spin.wasm');
const dir = mkdtempSync(join(tmpdir(), 'memscope-lost-imports-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const seq = join(dir, 'stuck.wseq');
writeFileSync(seq, `module "${CHATTER}"\ntimeout 1000\nchatter(5)\n`);

function run(args: string[]): { status: number | null; stdout: string } {
  const r = spawnSync(process.execPath, [BIN, 'run', ...args, seq], { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout };
}

/** The guest's "x" lines among `text`: each was written by an import call begun before the end. */
const printed = (text: string): number => text.split('\n').filter((l) => l === 'x').length;

describe('memscope run: import calls before a time limit', () => {
  it('the text says how many under the step', () => {
    const r = run([]);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toMatch(/✗ chatter\(5\)/);
    const made = /← (\d+) import calls? made before the worker was ended \(their records ended with it\)/.exec(r.stdout);
    // Never fewer than the lines that reached us, nor more than were asked.
    expect(Number(made?.[1] ?? 0)).toBeGreaterThanOrEqual(printed(r.stdout));
    if (made) expect(Number(made[1])).toBeLessThanOrEqual(5);
  });

  it('--json has the same count on the step', () => {
    const r = run(['--json']);
    const json = JSON.parse(r.stdout) as { ok: boolean; stdout: string; steps: { error?: { code: string }; importsBeforeEnd?: number }[] };
    expect(json.ok).toBe(false);
    const step = json.steps.at(-1)!;
    expect(step.error?.code).toBe('timeout');
    expect(step.importsBeforeEnd ?? 0).toBeGreaterThanOrEqual(printed(json.stdout));
    expect(printed(json.stdout)).toBeGreaterThan(0);
  });
});
