// Where Memscope's own files are, the same from sources (src-main/…) and from the build
// (out/main/…): found by walking up from this module to the package root, so no caller counts
// `..`s for its own depth.
//
//   <root>/package.json             version
//   <root>/resources/examples/      bundled teaching demos
//   <root>/out/renderer/index.html  the built UI (web shell and Electron window)
//   <root>/out/preload/index.cjs    the Electron preload
//   <root>/out/main/cli.cjs         the built CLI (bin/memscope.js loads it)

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'memscope') return dir;
    if (dirname(dir) === dir) throw new Error(`memscope: no package.json of memscope above ${from}`);
  }
}

export const PACKAGE_ROOT = packageRoot(dirname(fileURLToPath(import.meta.url)));
export const EXAMPLES_DIR = join(PACKAGE_ROOT, 'resources', 'examples');
export const RENDERER_DIR = join(PACKAGE_ROOT, 'out', 'renderer');
export const PRELOAD_FILE = join(PACKAGE_ROOT, 'out', 'preload', 'index.cjs');

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}
