// Golden text of the call log: the rows the UI shows (call-format.ts) for the records of real
// deterministic runs (`memscope run --json --deterministic`), pinned in golden/call-log-<demo>.txt.
// Rewrite them on purpose with `npm run golden`.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callText, importText } from '../../src-renderer/calls/call-format.ts';
import type { StepRecord } from '../shared/dto.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const DEMOS = ['wasi-io', 'print-builtin', 'assemblyscript-strings', 'trap', 'linked-list'];

/** One line per step, call and import call, indented as the log nests them. */
function callLogText(steps: StepRecord[]): string {
  const lines: string[] = [];
  for (const step of steps) {
    lines.push(`${step.line} ${step.ok ? '✓' : '✗'} ${step.source}`);
    for (const call of step.calls) {
      lines.push(`  ${callText(call)}${call.error ? `  ${call.error.code}: ${call.error.message}` : ''}`);
      for (const imp of call.imports) lines.push(`    ${importText(imp)}`);
      if (call.importsDropped) lines.push(`    … ${call.importsDropped} more`);
    }
  }
  return `${lines.join('\n')}\n`;
}

describe('call log, golden text', () => {
  for (const demo of DEMOS) {
    it(demo, async () => {
      const sequence = join('resources', 'examples', demo, `${demo}.wseq`);
      const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'memscope.js'), 'run', '--json', '--deterministic', sequence], {
        cwd: ROOT, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 << 20,
      });
      const { steps } = JSON.parse(r.stdout) as { steps: StepRecord[] };
      expect(steps.length).toBeGreaterThan(0);
      await expect(callLogText(steps)).toMatchFileSnapshot(join('golden', `call-log-${demo}.txt`));
    });
  }
});
