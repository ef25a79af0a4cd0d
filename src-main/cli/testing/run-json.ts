// Test helper: runs the real `memscope` binary (a child process) and parses `run --json`.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = new URL('../../../', import.meta.url).pathname;
export const EXAMPLES = join(ROOT, 'resources/examples');
export const BIN = join(ROOT, 'bin/memscope.js');

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

export function memscope(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: ROOT, timeout: 60_000, maxBuffer: 256 << 20 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
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

