// `memscope run` interrupted (Ctrl+C): the stuck step is stopped as the app's Stop does, what ran
// is printed with the stopped step and a summary, --coredump still writes the memory as last
// captured, and the exit status is the shell's 130. The real CLI in a child process.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/memscope.js');
const SPIN = join(ROOT, 'resources/examples/infinite-loop/infinite-loop.wasm');

describe('memscope run, interrupted', () => {
  it('SIGINT stops the running step, prints what ran and exits 130', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'memscope-interrupt-'));
    const seq = join(dir, 'spin.wseq');
    // spin() never returns; the limit is far beyond the test, so only the signal ends it.
    writeFileSync(seq, `module "${SPIN}"\ntimeout 600000\nfill(1024, 256, 0xab)\nlast = read u8 @ 1024 + 255\nspin()\n`);
    const core = join(dir, 'spin.core.wasm');
    const child = spawn(process.execPath, [BIN, 'run', seq, '--coredump', core], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let signalled = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      stdout += text;
      // The two steps before spin() printed: spin() is running (or about to). Once: a second
      // signal exits at once.
      if (!signalled && stdout.includes('last = 171')) signalled = child.kill('SIGINT');
    });
    // 'close', not 'exit': the last of stdout may still be on its way when the process has exited.
    const status = await new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    expect(status).toBe(130);
    expect(stdout).toContain('   5 ✗ spin()\n       ✗ stopped: stopped by the user; the worker was terminated\n');
    expect(stdout).toContain('✗ interrupted by SIGINT in step 3 (line 5); 3 of 3 steps ran\n');
    expect(existsSync(core)).toBe(true);
  }, 120_000);
});
