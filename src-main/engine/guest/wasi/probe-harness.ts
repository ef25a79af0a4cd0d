// Test harness: runs testdata/probe.wasm with our preview1 imports and collects what it did.

import { readFileSync } from 'node:fs';
import type { ImportCallRecord } from '../../../shared/dto.ts';
import { GuestMemory } from '../../memory/guest-memory.ts';
import { recordsTo } from '../host-call.ts';
import { createWasiPreview1, ProcExit } from './index.ts';
import type { WasiConfig } from './index.ts';

let compiled: WebAssembly.Module | null = null;

export interface ProbeRun {
  stdout: string;
  stderr: string;
  /** Every sink call in order, as [stream, text]. */
  chunks: [string, string][];
  records: ImportCallRecord[];
  exitCode: number;
}

export async function runProbe(args: string[], config: Partial<WasiConfig> = {}): Promise<ProbeRun> {
  compiled ??= new WebAssembly.Module(readFileSync(new URL('./testdata/probe.wasm', import.meta.url)));
  const chunks: [string, string][] = [];
  const records: ImportCallRecord[] = [];
  const dec = (b: Uint8Array): string => new TextDecoder().decode(b);
  let memory: WebAssembly.Memory | null = null;
  const wasi = createWasiPreview1(
    { args: ['probe.wasm', ...args], env: [], preopens: [], stdin: new Uint8Array(0), deterministic: false, ...config },
    {
      stdout: (b) => { chunks.push(['stdout', dec(b)]); },
      stderr: (b) => { chunks.push(['stderr', dec(b)]); },
      calls: recordsTo((r) => { records.push(r); }),
    },
    () => new GuestMemory(memory!),
  );
  const instance = await WebAssembly.instantiate(compiled, { wasi_snapshot_preview1: wasi.imports });
  memory = instance.exports.memory as WebAssembly.Memory;
  let exitCode = 0;
  try {
    (instance.exports._start as () => void)();
  } catch (e) {
    if (!(e instanceof ProcExit)) throw e;
    exitCode = e.code;
  } finally {
    wasi.dispose();
  }
  const join = (s: string): string => chunks.filter((c) => c[0] === s).map((c) => c[1]).join('');
  return { stdout: join('stdout'), stderr: join('stderr'), chunks, records, exitCode };
}
