// Runs the fuzzers: mutates real seeds for each target under a seeded PRNG, checks every input
// with the target's oracle, and keeps each finding as findings/<target>/<sha>.bin (a regression
// case fuzz.test.ts replays). Bounded by an iteration count and, from the command line, time.

import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mutateBytes, mutateText, Prng } from './mutate.ts';
import { FINDINGS, ORACLES, seeds, type TargetName } from './targets.ts';

export interface FuzzOptions {
  seed: number;
  iterations: number;
  /** Stop early past this many ms (command line only; tests bound by iterations). */
  maxMs?: number;
  /** Write findings to findings/<target>/ (the command line does; tests only report). */
  keep?: boolean;
}

export interface Finding {
  target: TargetName;
  problem: string;
  input: Uint8Array;
}

export function fuzz(target: TargetName, options: FuzzOptions): { ran: number; findings: Finding[] } {
  const rng = new Prng(options.seed);
  const corpus = seeds(target);
  const oracle = ORACLES[target];
  const findings: Finding[] = [];
  const started = performance.now();
  let ran = 0;
  for (; ran < options.iterations; ran++) {
    if (options.maxMs !== undefined && performance.now() - started > options.maxMs) break;
    const seed = rng.pick(corpus);
    const input = target === 'sequence'
      ? new TextEncoder().encode(mutateText(new TextDecoder().decode(seed), rng))
      : mutateBytes(seed, rng);
    const problem = oracle(input);
    if (problem === null) continue;
    findings.push({ target, problem, input });
    if (options.keep) keepFinding(target, input);
  }
  return { ran, findings };
}

function keepFinding(target: TargetName, input: Uint8Array): void {
  const dir = join(FINDINGS, target);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${createHash('sha256').update(input).digest('hex').slice(0, 16)}.bin`), input);
}
