// runMerged keeps stdout and stderr in the order the child wrote them even when we read late:
// the golden tests' text must not depend on how loaded the machine is.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMerged } from './run-merged.ts';

/** Blocks this thread (our event loop with it) until `file` exists. */
function blockUntilExists(file: string): void {
  const cell = new Int32Array(new SharedArrayBuffer(4));
  while (!existsSync(file)) Atomics.wait(cell, 0, 0, 20);
}

describe('runMerged', () => {
  it('keeps the order of writes to both streams when the reader comes after all of them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'memscope-merged-test-'));
    const done = join(dir, 'done');
    // Node writes to files and pipes synchronously on Linux, so when `done` exists every byte
    // has been written; only then does our event loop get to read. Two pipes read here would
    // give "1 out, 3 out, 2 err" (the reader drains one pipe, then the other).
    const script = `process.stdout.write('1 out\\n'); process.stderr.write('2 err\\n'); process.stdout.write('3 out\\n');
      require('node:fs').writeFileSync(${JSON.stringify(done)}, '')`;
    const running = runMerged(process.execPath, ['-e', script], dir);
    blockUntilExists(done);
    const { code, text } = await running;
    rmSync(dir, { recursive: true, force: true });
    expect(code).toBe(0);
    expect(text).toBe('1 out\n2 err\n3 out\n');
  });

  it('reports a command that cannot start', async () => {
    await expect(runMerged('/nonexistent/memscope-no-such-command', [], tmpdir())).rejects.toThrow(/ENOENT/);
  });
});
