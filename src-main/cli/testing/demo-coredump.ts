// Test helper: a demo's coredump as `memscope run --coredump` writes it, the fixture the CLI's
// coredump tests read and cut; made once per folder and reused, so that no test depends on
// another having run first (several read the `trap.core.wasm` a file's first test happened to write).

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../paths.ts';
import { memscope } from './memscope-cli.ts';

/**
 * `DIR/DEMO.core.wasm`: the dump of resources/examples/DEMO/DEMO.wseq, written by `run --coredump`
 * unless already there; `status` is the exit status the demo's run ends with (a trap: 1, clean: 0).
 */
export function demoCoredump(dir: string, demo: string, status: 0 | 1): string {
  const file = join(dir, `${demo}.core.wasm`);
  if (existsSync(file)) return file;
  const run = memscope(['run', '--coredump', file, join(PACKAGE_ROOT, 'resources/examples', demo, `${demo}.wseq`)]);
  if (run.status !== status || !existsSync(file)) {
    throw new Error(`run --coredump of ${demo}: exit ${run.status}, ${status} expected; ${existsSync(file) ? 'dump written' : 'no dump written'}: ${run.stderr}`);
  }
  return file;
}
