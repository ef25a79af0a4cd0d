// Turns a sequence's directives into session inputs; host paths are relative to the sequence file.

import { isAbsolute, resolve } from 'node:path';
import type { SessionConfig } from '../session-api.ts';
import type { MemscopeError } from '../../shared/dto.ts';
import type { Directive } from './ast.ts';
import { locatedError } from './errors.ts';

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
      case 'memory-cap': config.memoryCapBytes = d.bytes; break;
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
  const d = moduleDirective(directives);
  return d && (isAbsolute(d.path) ? d.path : resolve(baseDir, d.path));
}

function moduleDirective(directives: Directive[]): Extract<Directive, { kind: 'module' }> | undefined {
  return directives.find((x): x is Extract<Directive, { kind: 'module' }> => x.kind === 'module');
}

/**
 * The module file `modFile` cannot be read (`reason`): an error at the sequence's `module` line
 * when that line named it (file:line:col and a caret: the line to fix), else one naming the file.
 */
export function unreadableModule(modFile: string, reason: string, named?: { directives: Directive[]; file: string }): MemscopeError {
  const message = `cannot read module ${modFile}: ${reason}`;
  const d = named && moduleDirective(named.directives);
  return d ? locatedError('io', message, { file: named.file, source: d.source }, d.span) : { code: 'io', message, where: { file: modFile } };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}
