// Golden text of the call log: the rows the UI shows (call-format.ts) for the records of real
// deterministic runs (a Session opened as `memscope run --deterministic` opens it; the records
// themselves, since `run --json` prints their values as text), pinned in
// golden/call-log-<demo>.txt. Rewrite them on purpose with `npm run golden`.
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callText, importText } from '../../src-renderer/calls/call-format.ts';
import type { Region, StepRecord } from '../shared/dto.ts';
import { KnownAddresses } from '../shared/known-addresses.ts';
import { Session, modulePath, parseSequence } from '../engine/index.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const DEMOS = ['wasi-io', 'print-builtin', 'assemblyscript-strings', 'trap', 'linked-list'];

/** One line per step, call and import call, indented as the log nests them; addresses in hex as the log shows them. */
function callLogText(steps: StepRecord[], regions: readonly Region[]): string {
  const lines: string[] = [];
  const addresses = new KnownAddresses().update(steps, regions);
  for (const step of steps) {
    lines.push(`${step.line} ${step.ok ? '✓' : '✗'} ${step.source}`);
    for (const call of step.calls) {
      lines.push(`  ${callText(call, addresses.at(step.index))}${call.error ? `  ${call.error.code}: ${call.error.message}` : ''}`);
      for (const imp of call.imports) lines.push(`    ${importText(imp)}`);
      if (call.importsDropped) lines.push(`    … ${call.importsDropped} more`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Every step record of one run of `sequence` (relative to the checkout, as the CLI is given it). */
async function deterministicRun(sequence: string): Promise<{ steps: StepRecord[]; regions: readonly Region[] }> {
  const baseDir = dirname(join(ROOT, sequence));
  const text = readFileSync(join(ROOT, sequence), 'utf8');
  const parsed = parseSequence(text, sequence);
  const moduleFile = modulePath(parsed.sequence.directives, baseDir)!;
  const opened = await Session.open({
    moduleBytes: readFileSync(moduleFile), moduleName: basename(moduleFile), config: { deterministic: true },
    sequence: { text, file: sequence, baseDir, parsed },
  });
  if (!opened.ok) throw new Error(opened.error.message);
  try {
    const steps = await opened.value.run();
    return { steps, regions: opened.value.regions };
  } finally {
    await opened.value.dispose();
  }
}

describe('call log, golden text', () => {
  for (const demo of DEMOS) {
    it(demo, async () => {
      const { steps, regions } = await deterministicRun(join('resources', 'examples', demo, `${demo}.wseq`));
      expect(steps.length).toBeGreaterThan(0);
      await expect(callLogText(steps, regions)).toMatchFileSnapshot(join('golden', `call-log-${demo}.txt`));
    });
  }
});
