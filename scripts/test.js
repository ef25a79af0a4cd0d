// `npm test`: every stage runs even when an earlier one failed (a red unit test must not hide
// what e2e would say), then one summary line; the exit code is non-zero when any stage failed.
// Only e2e needs the build, so it is skipped (and counted as failed) when the build failed.
//
// A failed stage's own report (vitest's "Failed Tests" and "Unhandled Errors" sections) is
// printed again after the summary: CI keeps only the log's tail, and e2e's output would
// otherwise push a unit failure out of it.

import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { failureReport } from './failure-report.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm'];

const stages = [
  { name: 'typecheck', script: 'typecheck' },
  { name: 'build', script: 'build' },
  { name: 'unit', script: 'test:unit' },
  { name: 'e2e', script: 'test:e2e', needs: 'build' },
];

/** Runs one npm script, passing its output through as it comes, and keeps the text. */
function runStage(script) {
  const [command, ...prefix] = npm;
  return new Promise((resolve) => {
    const child = spawn(command, [...prefix, 'run', '--silent', script], { cwd: root, stdio: ['inherit', 'pipe', 'pipe'] });
    const chunks = [];
    child.stdout.on('data', (chunk) => { chunks.push(chunk); process.stdout.write(chunk); });
    child.stderr.on('data', (chunk) => { chunks.push(chunk); process.stderr.write(chunk); });
    child.on('error', (error) => resolve({ status: `${error.message}`, output: '' }));
    child.on('close', (code, signal) => resolve({ status: code ?? signal, output: Buffer.concat(chunks).toString('utf8') }));
  });
}

const results = new Map();
const reports = [];
for (const stage of stages) {
  if (stage.needs && results.get(stage.needs) !== 'ok') {
    results.set(stage.name, `skipped (${stage.needs} failed)`);
    continue;
  }
  console.log(`\n=== npm test: ${stage.name} ===`);
  const run = await runStage(stage.script);
  results.set(stage.name, run.status === 0 ? 'ok' : `FAILED (exit ${run.status})`);
  if (run.status !== 0) reports.push(`=== npm test: ${stage.name} failed; its report again ===\n${failureReport(run.output)}`);
}

for (const report of reports) console.log(`\n${report}`);
const failed = [...results.values()].filter((r) => r !== 'ok').length;
console.log(`\nnpm test: ${[...results].map(([name, r]) => `${name} ${r}`).join(', ')}`);
process.exit(failed === 0 ? 0 : 1);
