// What `memscope run` loads to start (issue 8, "Start fast"): Node built-ins that only some runs
// need are loaded at first use, so a plain text run never pays for them.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, ROOT } from './testing/run-json.ts';

/** The built-in modules and npm packages the CLI's own thread had loaded when `memscope run ARGS` exited. */
function loadedByRun(args: string[]): { loaded: string[]; packages: string[] } {
  const child = spawnSync(process.execPath, [
    '--import', join(import.meta.dirname, 'testdata', 'record-builtins.mjs'), join(ROOT, 'bin', 'memscope.js'), 'run', ...args,
  ], { cwd: ROOT, encoding: 'utf8' });
  const { code, loaded, packages } = JSON.parse(child.stderr.trim().split('\n').at(-1)!) as { code: number; loaded: string[]; packages: string[] };
  expect(code).toBe(0);
  return { loaded, packages };
}

/** The built-in modules the CLI's own thread had loaded when `memscope run ARGS` exited. */
function builtinsAfterRun(args: string[]): string[] {
  return loadedByRun(args).loaded;
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

  it('acorn (the JavaScript parser for a minified module\'s glue) only for a module that has a glue to read', () => {
    expect(loadedByRun([join(EXAMPLES, 'return-string/return-string.wseq')]).packages).not.toContain('acorn');
    expect(loadedByRun([join(ROOT, 'src-main/engine/host/testdata/emscripten-runtime/greet-min.wseq')]).packages).toContain('acorn');
  });

  it('--json, which prints the hash, loads node:crypto then', () => {
    expect(builtinsAfterRun(['--json', join(EXAMPLES, 'return-string/return-string.wseq')])).toContain('crypto');
  });
});
