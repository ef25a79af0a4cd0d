// Whether `out/` is the build of the current sources, so `npm start` right after `npm install`
// (whose `prepare` already built) does not build the whole UI a second time.

import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the build reads: sources, the Vite config, and the dependency set. */
const INPUTS = ['src-main', 'src-renderer', 'electron.vite.config.ts', 'package.json', 'package-lock.json', 'tsconfig.json'];
/** What it writes; the oldest of these must be newer than every input. */
const OUTPUTS = ['out/main/index.cjs', 'out/main/cli.cjs', 'out/main/guest-worker.cjs', 'out/preload/index.cjs', 'out/renderer/index.html'];
const SKIP = new Set(['node_modules', 'testdata', '.tmp']);

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (SKIP.has(entry) || /\.test\.ts$/.test(entry)) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** @returns {{ current: boolean, reason: string }} */
export function buildState(root) {
  const missing = OUTPUTS.find((o) => !existsSync(join(root, o)));
  if (missing) return { current: false, reason: `${missing} is missing` };
  const built = Math.min(...OUTPUTS.map((o) => statSync(join(root, o)).mtimeMs));
  const changed = INPUTS.find((i) => newestMtime(join(root, i)) > built);
  return changed ? { current: false, reason: `${changed} changed since the last build` } : { current: true, reason: 'the build in out/ is current' };
}
