// Test helper: `memscope run --json` parsed, and where the demos are (memscope-cli.ts runs the command).

import { join } from 'node:path';
import { memscope } from './memscope-cli.ts';

export { BIN, memscope } from './memscope-cli.ts';

export const ROOT = new URL('../../../', import.meta.url).pathname;
export const EXAMPLES = join(ROOT, 'resources/examples');

export interface RunJson {
  ok: boolean;
  steps: {
    line: number; source: string; ok: boolean; changes: [number, number][];
    error?: { code: string; message: string }; calls: { export: string; imports: { name: string; summary: string; binding: string }[] }[];
  }[];
  bindings: Record<string, unknown>;
  regions: { name: string; kind: string; freed: boolean; freedStep?: number }[];
  stdout: string;
  stderr: string;
  exitCode: number | null;
}

/** `memscope run --json SEQ …`: the exit status and the parsed object (stderr on a parse failure). */
export function runJson(seq: string, ...extra: string[]): { status: number | null; json: RunJson } {
  const r = memscope(['run', '--json', ...extra, seq]);
  try {
    return { status: r.status, json: JSON.parse(r.stdout) as RunJson };
  } catch {
    throw new Error(`memscope run ${seq}: exit ${r.status}, no JSON: ${r.stderr || r.stdout}`);
  }
}

