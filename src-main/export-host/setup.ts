// The host set-up an exported program needs, from the sequence's directives: WASI arguments,
// environment, preopens (host paths relative to the program), stdin, determinism, the per-step
// time limit, and the module's path relative to where the program is written.

import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { DEFAULT_SESSION_CONFIG, initExportOf, type Sequence } from '../engine/index.ts';
import type { ModuleInfo } from '../shared/dto.ts';

export interface HostSetup {
  sequenceName: string;
  moduleName: string;
  /** The module's path relative to the program's directory ('/' separators). */
  moduleRel: string;
  usesWasi: boolean;
  /** The export to call before the first step, as Memscope does (`_initialize` or `__wasm_call_ctors`), or null. */
  initExport: string | null;
  args: string[];
  env: string[];
  preopens: { guestPath: string; hostRel: string; writable: boolean }[];
  stdin: Uint8Array;
  deterministic: boolean;
  /**
   * Per-step time limit in ms: the sequence's `timeout N`, else run's default. Run always has one:
   * a host without it spun forever where run stopped the step and exited 1.
   */
  timeoutMs: number;
}

/** `outDir`: where the program will live; paths in it are relative to that directory. */
export function hostSetup(sequence: Sequence, info: ModuleInfo, files: { sequence: string; module: string; outDir: string }): HostSetup {
  const seqDir = dirname(files.sequence);
  const rel = (p: string) => {
    const r = relative(files.outDir, isAbsolute(p) ? p : resolve(seqDir, p)).split('\\').join('/');
    return r.startsWith('.') ? r : `./${r}`;
  };
  const setup: HostSetup = {
    sequenceName: files.sequence.replace(/^.*[\\/]/, ''),
    moduleName: files.module.replace(/^.*[\\/]/, ''),
    moduleRel: rel(files.module),
    usesWasi: info.imports.some((i) => i.kind === 'func' && i.binding === 'wasi'),
    initExport: initExportOf(info),
    args: [], env: [], preopens: [], stdin: new Uint8Array(0), deterministic: false,
    timeoutMs: DEFAULT_SESSION_CONFIG.timeoutMs,
  };
  const stdin: number[] = [];
  for (const d of sequence.directives) {
    if (d.kind === 'arg') setup.args.push(...d.values);
    else if (d.kind === 'env') setup.env.push(d.value);
    else if (d.kind === 'dir') setup.preopens.push({ guestPath: d.guest, hostRel: rel(d.host), writable: d.writable });
    else if (d.kind === 'stdin') stdin.push(...d.bytes);
    else if (d.kind === 'deterministic') setup.deterministic = true;
    else if (d.kind === 'timeout') setup.timeoutMs = d.ms;
  }
  setup.stdin = new Uint8Array(stdin);
  return setup;
}
