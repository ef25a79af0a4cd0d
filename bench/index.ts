// `npm run bench`: runs every area's benchmark in one process and prints one table.

export {};
// Each bench/<area>.bench.ts exports run(report); a failing area is reported, not fatal.

type Report = (name: string, value: string) => void;
interface BenchModule { run(report: Report): Promise<void> }

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

const only = process.argv.slice(2);
let failures = 0;
for (const [area, load] of AREAS) {
  if (only.length > 0 && !only.some((o) => area.startsWith(o))) continue;
  console.log(`\n## ${area}`);
  const started = performance.now();
  try {
    const bench = await load();
    await bench.run((name, value) => console.log(`  ${name.padEnd(64, '.')} ${value}`));
  } catch (error) {
    failures++;
    console.log(`  FAILED: ${error instanceof Error ? error.message : String(error)}`);
  }
  console.log(`  (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
process.exitCode = failures > 0 ? 1 : 0;
