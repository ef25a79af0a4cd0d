// What `memscope run` loads to start (issue 8, "Start fast"): Node built-ins that only some runs
// need are loaded at first use, so a plain text run never pays for them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, ROOT } from './testing/run-json.ts';

/** The built-in modules the CLI's own thread had loaded when `memscope run ARGS` finished. */
function builtinsAfterRun(args: string[]): string[] {
  // A file, not `-e`: the guest worker inherits the process's flags, and `-e` is not for it.
  const dir = mkdtempSync(join(tmpdir(), 'memscope-start-up-'));
  const script = join(dir, 'run.mjs');
  writeFileSync(script, `const { main } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'out/main/cli.js')).href)});
    const code = await main(${JSON.stringify(['run', ...args])});
    process.stderr.write('\\n' + JSON.stringify({ code, loaded: process.moduleLoadList }) + '\\n');`);
  const child = spawnSync(process.execPath, [script], { cwd: ROOT, encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  const { code, loaded } = JSON.parse(child.stderr.trim().split('\n').at(-1)!) as { code: number; loaded: string[] };
  expect(code).toBe(0);
  return loaded.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice('NativeModule '.length));
}

describe('memscope run start-up', () => {
  it('a text run loads neither node:crypto (the module hash) nor node:zlib (history compression)', () => {
    const loaded = builtinsAfterRun([join(EXAMPLES, 'return-string/return-string.wseq')]);
    expect(loaded).toContain('worker_threads');
    expect(loaded).not.toContain('crypto');
    expect(loaded).not.toContain('zlib');
  });

  it('--json, which prints the hash, loads node:crypto then', () => {
    expect(builtinsAfterRun(['--json', join(EXAMPLES, 'return-string/return-string.wseq')])).toContain('crypto');
  });
});
