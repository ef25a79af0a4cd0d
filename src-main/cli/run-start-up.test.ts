// What `memscope run` loads to start (issue 8, "Start fast"): Node built-ins that only some runs
// need are loaded at first use, so a plain text run never pays for them.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, ROOT } from './testing/run-json.ts';

/** The built-in modules the CLI's own thread had loaded when `memscope run ARGS` exited. */
function builtinsAfterRun(args: string[]): string[] {
  const child = spawnSync(process.execPath, [
    '--import', join(import.meta.dirname, 'testdata', 'record-builtins.mjs'), join(ROOT, 'bin', 'memscope.js'), 'run', ...args,
  ], { cwd: ROOT, encoding: 'utf8' });
  const { code, loaded } = JSON.parse(child.stderr.trim().split('\n').at(-1)!) as { code: number; loaded: string[] };
  expect(code).toBe(0);
  return loaded;
}

describe('memscope run start-up', () => {
  it('a text run loads neither node:crypto (the module hash) nor node:zlib (history compression)', () => {
    const loaded = builtinsAfterRun([join(EXAMPLES, 'return-string/return-string.wseq')]);
    expect(loaded).toContain('worker_threads');
    expect(loaded).not.toContain('crypto');
    expect(loaded).not.toContain('zlib');
  });

  it('a text run loads no node:fs/promises (with it readline, fs watchers and directory streams)', () => {
    const loaded = builtinsAfterRun([join(EXAMPLES, 'return-string/return-string.wseq')]);
    expect(loaded).toContain('fs');
    expect(loaded).not.toContain('fs/promises');
  });

  it('--json, which prints the hash, loads node:crypto then', () => {
    expect(builtinsAfterRun(['--json', join(EXAMPLES, 'return-string/return-string.wseq')])).toContain('crypto');
  });
});
