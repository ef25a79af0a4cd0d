// Whole-process measurements for the bench: each command run under /usr/bin/time, A and B in
// turn (A B A B …), so a comparison holds while the shared machine's speed drifts. Figures are
// the operating system's own accounting of each finished process (its threads included).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ProcessRun {
  /** User + system CPU seconds of the process and its threads. */
  cpu: number;
  wall: number;
  /** Peak resident set, bytes. */
  peakRss: number;
  status: number;
}

const TIME = '/usr/bin/time';

/** Runs `argv` once under /usr/bin/time (output discarded); throws when it cannot start. */
export function timeProcess(argv: string[], cwd?: string): ProcessRun {
  const dir = mkdtempSync(join(tmpdir(), 'memscope-bench-'));
  const out = join(dir, 'time');
  try {
    const child = spawnSync(TIME, ['-o', out, '-f', '%U %S %e %M %x', ...argv], {
      cwd, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024,
    });
    if (child.error) throw child.error;
    const fields = readFileSync(out, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
    const [user, sys, wall, rssKb, status] = fields as [number, number, number, number, number];
    if (child.status !== 0 && status === undefined) throw new Error(`${argv.join(' ')}: ${child.stderr}`);
    return { cpu: user + sys, wall, peakRss: rssKb * 1024, status: child.status ?? status };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export interface Paired {
  a: ProcessRun[];
  b: ProcessRun[];
  /** Median of the per-pair ratios A/B of CPU seconds. */
  cpuRatio: number;
}

/** `runs` pairs after one warm-up pair; ratios are taken pair by pair, then the median. */
export function paired(a: string[], b: string[], runs = 5, cwd?: string): Paired {
  timeProcess(a, cwd);
  timeProcess(b, cwd);
  const out: Paired = { a: [], b: [], cpuRatio: 0 };
  const ratios: number[] = [];
  for (let i = 0; i < runs; i++) {
    const x = timeProcess(a, cwd);
    const y = timeProcess(b, cwd);
    out.a.push(x);
    out.b.push(y);
    ratios.push(x.cpu / Math.max(y.cpu, 0.01));
  }
  out.cpuRatio = median(ratios);
  return out;
}

/** "1.23 s" for CPU seconds. */
export function seconds(value: number): string {
  return `${value.toFixed(2)} s`;
}

/** "x.x× (target ≤ T×: met)" */
export function verdict(ratio: number, target: number): string {
  return `${ratio.toFixed(2)}x (target <= ${target}x: ${ratio <= target ? 'met' : 'NOT met'})`;
}
