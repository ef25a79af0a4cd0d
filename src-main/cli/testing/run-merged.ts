// Test helper: runs a command with its stdout and stderr on ONE open file, so the text holds
// both streams in the order the process wrote them. Two pipes read by us would not: when both
// hold data by the time we read (a loaded machine, a late event loop), which one we read first
// is up to the poller, and the text of one stream lands in the middle or at the end of the other.

import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface MergedRun {
  code: number | null;
  /** stdout and stderr interleaved as written (both share one file offset). */
  text: string;
}

/** `command args…` in `cwd`; resolves once it exited and its output file is complete. */
export function runMerged(command: string, args: string[], cwd: string): Promise<MergedRun> {
  const dir = mkdtempSync(join(tmpdir(), 'memscope-run-'));
  const file = join(dir, 'output');
  const fd = openSync(file, 'w');
  const child = spawn(command, args, { cwd, stdio: ['ignore', fd, fd] });
  // The child holds its own copies of the descriptor; ours is not needed past the spawn.
  closeSync(fd);
  return new Promise((done, fail) => {
    // A failed spawn may report both 'error' and 'close': the first one settles.
    let settled = false;
    child.on('error', (e) => {
      if (settled) return;
      settled = true;
      rmSync(dir, { recursive: true, force: true });
      fail(e);
    });
    child.on('close', (code) => {
      if (settled) return;
      settled = true;
      const text = readFileSync(file, 'utf8');
      rmSync(dir, { recursive: true, force: true });
      done({ code, text });
    });
  });
}
