// Test-only: sequence files the adapter tests launch, each in a new temporary directory.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../paths.ts';

/** infinite-loop's spin() never returns: a run goes on until pause or terminate, whatever the machine's speed. */
export const SPIN_MODULE = join(PACKAGE_ROOT, 'resources/examples/infinite-loop/infinite-loop.wasm');

/** `lines` as the sequence file `name` in a new temporary directory, a newline after each: its path. */
export function sequenceFile(name: string, lines: string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'memscope-dap-')), name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** A sequence whose one step, spin(), never returns, under a minute's time limit. */
export function spinProgram(): string {
  return sequenceFile('spin.wseq', [`module "${SPIN_MODULE}"`, 'timeout 60000', 'spin()']);
}
