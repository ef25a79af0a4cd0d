// `npm run fuzz [-- --seconds N] [--seed S] [--target module|sequence|snapshot]`: each target
// for N seconds (default 20) from seed S (default: a fresh one, printed so a run can be
// repeated); exit 1 when anything was found (kept under findings/ for the regression test).

import { fuzz } from './fuzz.ts';
import type { TargetName } from './targets.ts';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const seconds = Number(option('--seconds') ?? 20);
const seed = Number(option('--seed') ?? Math.floor(Math.random() * 2 ** 31));
const only = option('--target') as TargetName | undefined;
const targets: TargetName[] = only ? [only] : ['module', 'sequence', 'snapshot'];
let found = 0;
for (const target of targets) {
  const { ran, findings } = fuzz(target, { seed, iterations: Number.MAX_SAFE_INTEGER, maxMs: seconds * 1000, keep: true });
  found += findings.length;
  console.log(`fuzz ${target}: ${ran} inputs from seed ${seed}, ${findings.length} findings`);
  for (const f of findings.slice(0, 5)) console.log(`  ${f.problem}`);
}
process.exitCode = found > 0 ? 1 : 0;
