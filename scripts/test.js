// `npm test`: every stage runs even when an earlier one failed (a red unit test must not hide
// what e2e would say), then one summary line; the exit code is non-zero when any stage failed.
// Only e2e needs the build, so it is skipped (and counted as failed) when the build failed.

import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm'];

const stages = [
  { name: 'typecheck', script: 'typecheck' },
  { name: 'build', script: 'build' },
  { name: 'unit', script: 'test:unit' },
  { name: 'e2e', script: 'test:e2e', needs: 'build' },
];

const results = new Map();
for (const stage of stages) {
  if (stage.needs && results.get(stage.needs) !== 'ok') {
    results.set(stage.name, `skipped (${stage.needs} failed)`);
    continue;
  }
  console.log(`\n=== npm test: ${stage.name} ===`);
  const [command, ...prefix] = npm;
  const run = spawnSync(command, [...prefix, 'run', '--silent', stage.script], { cwd: root, stdio: 'inherit' });
  results.set(stage.name, run.status === 0 ? 'ok' : `FAILED (exit ${run.status ?? run.signal})`);
}

const failed = [...results.values()].filter((r) => r !== 'ok').length;
console.log(`\nnpm test: ${[...results].map(([name, r]) => `${name} ${r}`).join(', ')}`);
process.exit(failed === 0 ? 0 : 1);
