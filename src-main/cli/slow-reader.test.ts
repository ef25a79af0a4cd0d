// `memscope run` into a pipe whose reader is slower than the guest (issue 13, item 5's left-over):
// the guest waits in fd_write until the pipe drains, so memory stays bounded whatever it writes,
// and that wait is not charged to the step's time limit. Real processes; the reader's pause is
// the stimulus, nothing here asserts on time.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'memscope.js');
const SPEW = join(ROOT, 'src-main', 'testdata', 'spew.wasm');
const MIB = 1 << 20;
const BLOCK = 65536;
const dir = mkdtempSync(join(tmpdir(), 'memscope-slow-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
/** The reader: counts the bytes it gets and prints that count, then the last 4 KiB (memscope's summary). */
const READER = join(dir, 'reader.mjs');
writeFileSync(READER, `let n = 0, tail = Buffer.alloc(0);
process.stdin.on('data', (c) => { n += c.length; tail = Buffer.concat([tail, c]).subarray(-4096); });
process.stdin.on('end', () => process.stdout.write(n + '\\n' + tail.toString()));
`);

/**
 * Runs `memscope run` (under /usr/bin/time, for its own peak RSS) into a reader that sleeps
 * `pauseS` seconds before reading, then counts the bytes it got and keeps the text at the end.
 */
function runIntoSlowReader(sequence: string, pauseS: number): { status: number | null; stderr: string; bytes: number; tail: string; peakRss: number } {
  const seq = join(dir, 'seq.wseq');
  writeFileSync(seq, sequence);
  const rss = join(dir, 'rss');
  const script = `/usr/bin/time -f %M -o "${rss}" "${process.execPath}" "${BIN}" run "${seq}" `
    + `| (sleep ${pauseS}; "${process.execPath}" "${READER}")`;
  const r = spawnSync('bash', ['-o', 'pipefail', '-c', script], { encoding: 'utf8', timeout: 280_000 });
  const [count = '0', ...rest] = r.stdout.split('\n');
  return { status: r.status, stderr: r.stderr, bytes: Number(count), tail: rest.join('\n'), peakRss: Number(readFileSync(rss, 'utf8').trim().split('\n').at(-1)) * 1024 };
}

describe('memscope run into a slow reader', () => {
  it('makes the guest wait: 295 MiB through a pipe nobody reads for 10 s stays within bounded memory', () => {
    const blocks = 4720;
    const r = runIntoSlowReader(`module "${SPEW}"\ntimeout 600000\nspew(${blocks})\n`, 10);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // Every block arrived (plus memscope's own lines), and the step says all its writes succeeded.
    expect(r.bytes).toBeGreaterThan(blocks * BLOCK);
    expect(r.tail).toContain('✓ 1 step ok');
    if (process.env.MEMSCOPE_FIGURES) console.log(`run 295 MiB into a reader that waits 10 s: peak RSS ${(r.peakRss / MIB).toFixed(0)} MiB`);
    // Before: every byte the reader had not taken was queued in the process (peak 473 MiB).
    expect(r.peakRss).toBeLessThan(220 * MIB);
  }, 300_000);

  // 3 s: far above the guest's own work (256 writes), and still half of the reader's sleep.
  it('does not charge the wait to the step: a 3 s limit holds while the reader sleeps 6 s', () => {
    const blocks = 256; // 16 MiB: four times the worker's bound on output not yet taken
    const r = runIntoSlowReader(`module "${SPEW}"\ntimeout 3000\nspew(${blocks})\n`, 6);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // Every block arrived (plus memscope's own lines), and the step says all its writes succeeded.
    expect(r.bytes).toBeGreaterThan(blocks * BLOCK);
    expect(r.tail).toContain('✓ 1 step ok');
  }, 300_000);
});
