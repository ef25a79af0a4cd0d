// `npm run bench`: runs every area's benchmark in one process and prints one table.

export {};
// Each bench/<area>.bench.ts exports run(report); a failing area is reported, not fatal.
// Arguments pick areas by prefix (`npm run bench -- memory`); an area that names its cases
// (CASES) also takes a list of them after a colon (`npm run bench -- targets:wasi-cat`).

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

let failures = 0;
for (const [area, load] of AREAS) {
  if (picks.length > 0 && !picks.some((p) => area.startsWith(p.prefix))) continue;
  console.log(`\n## ${area}`);
  const started = performance.now();
  try {
    const bench = await load();
    await bench.run((name, value) => console.log(`  ${name.padEnd(64, '.')} ${value}`), casesFor(area, bench));
  } catch (error) {
    failures++;
    console.log(`  FAILED: ${error instanceof Error ? error.message : String(error)}`);
  }
  console.log(`  (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
process.exitCode = failures > 0 ? 1 : 0;
