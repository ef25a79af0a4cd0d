// Files the CLI is pointed at are read only when they are regular files of a bounded size
// (issue 13, item 10): `inspect /dev/zero` grew without limit and a FIFO hung the command.

import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'memscope.js');

function memscope(args: string[]): { status: number | null; stderr: string } {
  // A generous bound: the fixed command answers in about a second; the bug never answered.
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL' });
  return { status: r.status, stderr: r.stderr };
}

describe('files that are not regular files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'memscope-fifo-'));
  const fifo = join(dir, 'pipe.wasm');
  spawnSync('mkfifo', [fifo]);

  it('inspect refuses /dev/zero and a FIFO with a clear error', () => {
    for (const file of ['/dev/zero', fifo]) {
      const r = memscope(['inspect', file]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(file);
      expect(r.stderr).toMatch(/not a regular file/);
    }
  });

  it('run and snapshot refuse them too', () => {
    const run = memscope(['run', fifo]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/not a regular file/);
    const snap = memscope(['snapshot', '/dev/zero']);
    expect(snap.status).toBe(2);
    expect(snap.stderr).toMatch(/not a regular file/);
  });
});
