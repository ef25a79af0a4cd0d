// Golden text: `memscope run --deterministic` on every demo sequence, pinned in golden/<demo>.txt
// with durations normalised (they are the only part that differs between runs). A change in
// any line is a change in what users see; rewrite them on purpose with `npm run golden`. Both
// streams share one file (runMerged), so the guest's stderr sits where it was written.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMerged, type MergedRun } from './testing/run-merged.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const EXAMPLES = join(ROOT, 'resources', 'examples');

/** Every demo's .wseq, as a path relative to the package root (the header line shows it). */
function demoSequences(): string[] {
  return readdirSync(EXAMPLES, { withFileTypes: true }).filter((d) => d.isDirectory()).flatMap((d) =>
    readdirSync(join(EXAMPLES, d.name)).filter((f) => f.endsWith('.wseq')).map((f) => relative(ROOT, join(EXAMPLES, d.name, f))),
  ).sort();
}

/**
 * `[0.38 ms]` → `[… ms]`, `[capture 0.05 ms]` → `[capture … ms]`: a call's duration and a
 * step's capture time are the one thing a deterministic run does not fix.
 */
export function normaliseDurations(text: string): string {
  return text.replace(/\[(capture )?\d+(\.\d+)? ms\]/g, '[$1… ms]');
}

/** stdout and stderr as one text in the order the CLI wrote them, as a terminal shows them. */
function run(sequence: string): Promise<MergedRun> {
  return runMerged(process.execPath, [join(ROOT, 'bin', 'memscope.js'), 'run', '--deterministic', sequence], ROOT);
}

describe('memscope run --deterministic, golden text', () => {
  const sequences = demoSequences();

  it('finds the demos', () => {
    expect(sequences.length).toBeGreaterThan(15);
  });

  for (const sequence of sequences) {
    const name = sequence.split('/').at(-1)!.replace(/\.wseq$/, '');
    it(name, async () => {
      const { code, text } = await run(sequence);
      await expect(`exit ${code}\n${normaliseDurations(text)}`).toMatchFileSnapshot(join('golden', `${name}.txt`));
    });
  }

  it("the README's sample output is the start of return-string's golden text", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const sample = /its golden text[\s\S]*?```\n([\s\S]*?)\n  …\n```/.exec(readme)?.[1];
    expect(sample).toBeDefined();
    const golden = readFileSync(join(import.meta.dirname, 'golden', 'return-string.txt'), 'utf8');
    expect(golden.startsWith(`exit 0\n${sample}\n`)).toBe(true);
  });
});
