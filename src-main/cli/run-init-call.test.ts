// `memscope run` tells a reactor's `_initialize` as the UI's call log does: its own first entry,
// after what it printed (a step's output likewise comes before its lines), and in --json.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { memscope } from './testing/memscope-cli.ts';

const ROOT = join(import.meta.dirname, '..', '..');
// The reactor the startup-output e2e opens: its _initialize writes one line through fd_write.
const MODULE = join(ROOT, 'e2e', 'testdata', 'init-prints.wasm');
const dir = mkdtempSync(join(tmpdir(), 'memscope-init-call-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SEQUENCE = join(dir, 'init.wseq');
writeFileSync(SEQUENCE, 'nothing()\n');

function run(...extra: string[]): { status: number | null; stdout: string } {
  const r = memscope(['run', '--deterministic', '--module', MODULE, ...extra, SEQUENCE]);
  return { status: r.status, stdout: r.stdout };
}

describe('memscope run and a reactor\'s _initialize', () => {
  it('prints its output, then its call as the first entry, before the first step', () => {
    const { status, stdout } = run();
    expect(status).toBe(0);
    expect(stdout.replace(/\[[\d.]+ ms\]/g, '[… ms]').split('\n').slice(1, 6)).toEqual([
      'hello from _initialize!',
      "     ✓ instantiation: the module's _initialize",
      '       → _initialize()  [… ms]',
      '           ← fd_write(fd=1, "hello from _initialize!\\n") → 24 bytes',
      '   1 ✓ nothing()',
    ]);
  });

  it('--json carries the same call as initCall', () => {
    const { status, stdout } = run('--json');
    expect(status).toBe(0);
    const json = JSON.parse(stdout) as { initCall?: { export: string; imports: { name: string }[] }; stdout: string };
    expect(json.initCall?.export).toBe('_initialize');
    expect(json.initCall?.imports.map((i) => i.name)).toEqual(['fd_write']);
    expect(json.stdout).toBe('hello from _initialize!\n');
  });
});
