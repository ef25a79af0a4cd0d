import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { failureReport } from './failure-report.js';

const here = dirname(fileURLToPath(import.meta.url));
const vitest = join(here, '..', 'node_modules', 'vitest', 'vitest.mjs');

it('repeats a red vitest run\'s failed tests and unhandled errors, not its passing lines', () => {
  const config = join(here, 'fixtures', 'red-suite', 'vitest.config.mjs');
  const run = spawnSync(process.execPath, [vitest, 'run', '--config', config], { encoding: 'utf8', env: { ...process.env, CI: '1' } });
  expect(run.status).toBe(1);
  const report = failureReport(run.stdout + run.stderr);
  expect(report).toMatch(/^⎯+ Failed Tests 1 ⎯+/);
  expect(report).toContain('compares a byte');
  expect(report).toContain('Unhandled Error');
  expect(report).toContain('a timer fired after its test: worker gone');
  expect(report).not.toContain('✓');
  expect(report).not.toMatch(/\x1b\[/);
});

it('falls back to the output\'s last lines when there is no vitest section', () => {
  const output = Array.from({ length: 100 }, (_, i) => `line ${i + 1}`).join('\n');
  const report = failureReport(`${output}\n`).split('\n');
  expect(report).toHaveLength(40);
  expect(report[0]).toBe('line 61');
  expect(report.at(-1)).toBe('line 100');
});
