// Vitest global setup: the CLI tests run `node bin/memscope.js`, which runs the built JavaScript
// (out/main), so rebuild first when any source is newer than the build. A build takes seconds.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const BUILT = [join(ROOT, 'out', 'main', 'cli.cjs'), join(ROOT, 'out', 'renderer', 'index.html')];
const SOURCES = ['src-main', 'src-renderer', 'electron.vite.config.ts', 'package.json'];

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'testdata') continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

export default function setup(): void {
  const builtAt = Math.min(...BUILT.map((f) => (existsSync(f) ? statSync(f).mtimeMs : 0)));
  const changedAt = Math.max(...SOURCES.map((s) => newest(join(ROOT, s))));
  if (builtAt >= changedAt) return;
  const build = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
    cwd: ROOT, encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`electron-vite build failed before the tests:\n${build.stdout}${build.stderr}`);
}
