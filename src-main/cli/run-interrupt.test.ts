// `memscope run` interrupted (Ctrl+C): the stuck step is stopped as the app's Stop does, what ran
// is printed with the stopped step and a summary, --coredump still writes the memory as last
// captured, and the exit status is the shell's 130. The real CLI in a child process.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../paths.ts';

const BIN = join(PACKAGE_ROOT, 'bin/memscope.js');
const SPIN = join(PACKAGE_ROOT, 'resources/examples/infinite-loop/infinite-loop.wasm');

/** Runs the CLI with `args`, sends SIGINT once `marker` is on stdout (or stderr), and resolves with what it printed. */
async function interrupted(args: string[], marker: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let signalled = false;
  // Once: a second signal exits at once.
  const check = (): void => {
    if (!signalled && (stdout + stderr).includes(marker)) signalled = child.kill('SIGINT');
  };
  child.stdout.setEncoding('utf8').on('data', (text: string) => { stdout += text; check(); });
  child.stderr.setEncoding('utf8').on('data', (text: string) => { stderr += text; check(); });
  // 'close', not 'exit': the last of stdout may still be on its way when the process has exited.
  const status = await new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return { status, stdout, stderr };
}

/** A sequence whose third step, spin(), never returns; its limit is far beyond the test, so only the signal ends it. */
function spinSequence(): { dir: string; seq: string } {
  const dir = mkdtempSync(join(tmpdir(), 'memscope-interrupt-'));
  const seq = join(dir, 'spin.wseq');
  writeFileSync(seq, `module "${SPIN}"\ntimeout 600000\nfill(1024, 256, 0xab)\nlast = read u8 @ 1024 + 255\nspin()\n`);
  return { dir, seq };
}

describe('memscope run, interrupted', () => {
  it('SIGINT stops the running step, prints what ran and exits 130', async () => {
    const { dir, seq } = spinSequence();
    const core = join(dir, 'spin.core.wasm');
    // The two steps before spin() printed: spin() is running (or about to).
    const { status, stdout } = await interrupted(['run', seq, '--coredump', core], 'last = 171');
    expect(status).toBe(130);
    expect(stdout).toContain(`   5 ✗ spin()\n       ✗ ${seq}:5:1: stopped by the user; the worker was terminated\n         spin()\n         ^^^^\n`);
    expect(stdout).toContain('✗ interrupted by SIGINT in step 3 (line 5); 3 of 3 steps ran\n');
    expect(existsSync(core)).toBe(true);
  }, 120_000);
});
