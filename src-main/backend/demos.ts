// The bundled teaching demos: resources/examples/<id>/demo.json, each naming its module and
// sequence files beside it. Read fresh on every call (a handful of small files).

import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { EXAMPLES_DIR } from '../paths.ts';
import type { DemoInfo } from '../shared/contract.ts';
import type { Result } from '../shared/dto.ts';

/** resources/examples of this package (paths.ts). */
export const DEFAULT_EXAMPLES_DIR = EXAMPLES_DIR;

export interface Demo extends DemoInfo {
  dir: string;
  module: string;
  sequence: string;
}

function isDemoJson(v: unknown): v is Omit<Demo, 'dir'> {
  if (typeof v !== 'object' || v === null) return false;
  const d = v as Record<string, unknown>;
  return ['id', 'title', 'summary', 'toolchain', 'module', 'sequence'].every((k) => typeof d[k] === 'string');
}

/** Every demo whose demo.json is well formed, sorted by id; broken ones are skipped. */
export async function listDemoFiles(examplesDir: string): Promise<Demo[]> {
  let entries: string[];
  try {
    entries = await readdir(examplesDir);
  } catch {
    return [];
  }
  const demos: Demo[] = [];
  for (const entry of entries.sort()) {
    const dir = join(examplesDir, entry);
    try {
      const json: unknown = JSON.parse(await readFile(join(dir, 'demo.json'), 'utf8'));
      // The file names must stay inside the demo's directory.
      if (isDemoJson(json) && !/[\\/]/.test(json.module + json.sequence)) {
        demos.push({ ...json, dir });
      }
    } catch {
      // Not a demo directory (or a half-written one): leave it out of the list.
    }
  }
  return demos;
}

export function demoInfo(d: Demo): DemoInfo {
  return { id: d.id, title: d.title, summary: d.summary, toolchain: d.toolchain };
}

export interface DemoFiles {
  demo: Demo;
  moduleBytes: Uint8Array;
  sequenceText: string;
}

export async function loadDemo(examplesDir: string, id: string): Promise<Result<DemoFiles>> {
  const demo = (await listDemoFiles(examplesDir)).find((d) => d.id === id);
  if (!demo) return { ok: false, error: { code: 'usage', message: `no demo named "${id}"; listDemos gives the ids` } };
  try {
    const moduleBytes = new Uint8Array(await readFile(join(demo.dir, demo.module)));
    const sequenceText = await readFile(join(demo.dir, demo.sequence), 'utf8');
    return { ok: true, value: { demo, moduleBytes, sequenceText } };
  } catch (error) {
    return { ok: false, error: { code: 'io', message: `demo "${id}" could not be read: ${(error as Error).message}` } };
  }
}
