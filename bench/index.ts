// `npm run bench`: runs every area's benchmark and prints one table.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Each bench/<area>.bench.ts exports run(report); a failing area is reported, not fatal.
// Arguments pick areas by prefix (`npm run bench -- memory`); an area that names its cases
// (CASES) also takes a list of them after a colon (`npm run bench -- targets:wasi-cat`).
//
// More than one area: each runs in its own Node process. In one process an area's figures
// depended on what ran before it (JIT state, heap size, pending collections): write tracing's
// byte-loop ratio read 5.6× after the other areas and 3.5× alone, for the same code.

type Report = (name: string, value: string) => void;
interface BenchModule {
  run(report: Report, cases?: readonly string[]): Promise<void>;
  CASES?: readonly (readonly [string, unknown])[];
}

const AREAS: [string, () => Promise<BenchModule>][] = [
  ['targets', () => import('./targets.bench.ts')],
  ['inspect', () => import('./inspect.bench.ts')],
  ['memory', () => import('./memory.bench.ts')],
  ['heap', () => import('./heap.bench.ts')],
  ['runtime', () => import('./runtime.bench.ts')],
  ['write tracing', () => import('./provenance.bench.ts')],
  ['web shell', () => import('./web.bench.ts')],
  ['ui', () => import('./ui.bench.ts')],
];

const picks = process.argv.slice(2).map((arg) => {
  const [prefix, list] = arg.split(':', 2) as [string, string | undefined];
  return { prefix, cases: list ? list.split(',').filter((c) => c !== '') : [] };
});
const chosen = AREAS.filter(([area]) => picks.length === 0 || picks.some((p) => area.startsWith(p.prefix)));

/** The cases asked of `area` ([] = all); throws naming the known cases when one is unknown. */
function casesFor(area: string, bench: BenchModule): string[] {
  const asked = picks.filter((p) => area.startsWith(p.prefix)).flatMap((p) => p.cases);
  const known = bench.CASES?.map(([name]) => name) ?? [];
  const unknown = asked.filter((c) => !known.includes(c));
  if (unknown.length > 0) {
    throw new Error(`no case ${unknown.map((c) => `'${c}'`).join(', ')} in ${area}; ${known.length > 0 ? `its cases: ${known.join(', ')}` : 'it has no named cases'}`);
  }
  return asked;
}

/** Runs one area here, printing its section; false when it failed. */
async function runHere(area: string, load: () => Promise<BenchModule>): Promise<boolean> {
  console.log(`\n## ${area}`);
  const started = performance.now();
  let ok = true;
  try {
    const bench = await load();
    await bench.run((name, value) => console.log(`  ${name.padEnd(64, '.')} ${value}`), casesFor(area, bench));
  } catch (error) {
    ok = false;
    console.log(`  FAILED: ${error instanceof Error ? error.message : String(error)}`);
  }
  console.log(`  (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  return ok;
}

/** Runs one area in a fresh process (this file through tsx, with the area's full name and cases). */
function runApart(area: string): boolean {
  const cases = picks.filter((p) => area.startsWith(p.prefix)).flatMap((p) => p.cases);
  const arg = cases.length > 0 ? `${area}:${cases.join(',')}` : area;
  const runTs = fileURLToPath(new URL('../bin/run-ts.mjs', import.meta.url));
  const self = fileURLToPath(import.meta.url);
  const child = spawnSync(process.execPath, [...process.execArgv, runTs, self, arg], { stdio: 'inherit' });
  return child.status === 0;
}

let failures = 0;
for (const [area, load] of chosen) {
  const ok = chosen.length === 1 ? await runHere(area, load) : runApart(area);
  if (!ok) failures++;
}
process.exitCode = failures > 0 ? 1 : 0;
