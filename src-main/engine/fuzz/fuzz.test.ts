// The fuzzers, briefly and deterministically (fixed seeds, counted iterations, not time), and
// every finding ever kept under findings/ replayed as a regression case.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fuzz } from './fuzz.ts';
import { FINDINGS, ORACLES, type TargetName } from './targets.ts';

const TARGETS: TargetName[] = ['module', 'sequence', 'snapshot'];

describe('fuzzers', () => {
  for (const target of TARGETS) {
    it(`${target}: kept findings stay fixed`, () => {
      const dir = join(FINDINGS, target);
      const files = readdirSync(dir).filter((f) => f.endsWith('.bin'));
      const problems = files.map((f) => ({ f, problem: ORACLES[target](new Uint8Array(readFileSync(join(dir, f)))) }));
      expect(problems.filter((p) => p.problem !== null)).toEqual([]);
    });

    it(`${target}: 300 seeded mutations hold`, () => {
      const { ran, findings } = fuzz(target, { seed: 1313, iterations: 300 });
      expect(ran).toBe(300);
      expect(findings.map((f) => f.problem)).toEqual([]);
    }, 120_000);
  }
});
