// Turns a sequence's directives into session inputs; host paths are relative to the sequence file.

import { isAbsolute, resolve } from 'node:path';
import type { SessionConfig } from '../session-api.ts';
import type { Directive } from './ast.ts';

/**
 * The part of a SessionConfig the directives set. `arg` lines append in order, `stdin` lines
 * concatenate; keys absent from the result were not given and keep the caller's defaults.
 */
export function directivesToConfig(directives: Directive[], baseDir: string): Partial<SessionConfig> {
  const config: Partial<SessionConfig> = {};
  const stdin: Uint8Array[] = [];
  for (const d of directives) {
    switch (d.kind) {
      case 'arg': config.args = [...(config.args ?? []), ...d.values]; break;
      case 'env': config.env = [...(config.env ?? []), d.value]; break;
      case 'dir':
        config.preopens = [...(config.preopens ?? []), { guestPath: d.guest, hostPath: resolve(baseDir, d.host), writable: d.writable }];
        break;
      case 'stdin': stdin.push(d.bytes); break;
      case 'timeout': config.timeoutMs = d.ms; break;
      case 'capture-limit': config.captureLimitMs = d.seconds * 1000; break;
      case 'deterministic': config.deterministic = true; break;
      case 'tty': config.stdioTty = true; break;
      case 'trace-writes': config.traceWrites = true; break;
      case 'import': config.importBindings = { ...config.importBindings, [`${d.module}.${d.name}`]: d.builtin }; break;
      case 'module': case 'bookmark': case 'allocator': break;
    }
  }
  if (stdin.length) config.stdin = concat(stdin);
  return config;
}

/** The `module "…"` path resolved against the sequence's directory, if the sequence names one. */
export function modulePath(directives: Directive[], baseDir: string): string | undefined {
  const d = directives.find((x) => x.kind === 'module');
  if (!d || d.kind !== 'module') return undefined;
  return isAbsolute(d.path) ? d.path : resolve(baseDir, d.path);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}
