// Everything a session is opened from, resolved once: the module's info with import bindings,
// the merged config (defaults < sequence directives < explicit config), the parsed sequence,
// and the WorkerInit that reset() reuses for every fresh worker.

import type { MemscopeError, ModuleInfo, Result } from '../../shared/dto.ts';
import { annotateImports, planImports } from './import-plan.ts';
import { inspectBytes } from '../module/inspect.ts';
import { readGlueNames } from '../module/emscripten-glue.ts';
import { CORE } from '../coredump/model.ts';
import { wrongKindText } from '../../shared/file-kind.ts';
import type { Sequence } from '../sequence/ast.ts';
import { directivesToConfig } from '../sequence/directives.ts';
import { withDeclaredAllocator } from '../sequence/declared-allocator.ts';
import { DEFAULT_SESSION_CONFIG, type SessionConfig } from '../session-api.ts';
import type { WorkerInit } from '../protocol.ts';
import { checkSequence } from '../sequence/load.ts';
import type { parseSequence } from '../sequence/parse.ts';

export interface SequenceSource {
  text: string;
  file?: string;
  /** Directory that relative `dir` paths are resolved against (default: the process's cwd). */
  baseDir?: string;
  /** parseSequence(text, file), when the caller already ran it (it is then not parsed again). */
  parsed?: ReturnType<typeof parseSequence>;
}

export interface OpenOptions {
  moduleBytes: Uint8Array;
  moduleName: string;
  config?: Partial<SessionConfig>;
  sequence?: SequenceSource;
  /**
   * The JavaScript Emscripten wrote beside a minified module (-O3, -Os: imports a.a, a.b, …),
   * whose names the session then uses (module/emscripten-glue.ts); `file` names it in messages.
   */
  glue?: { file: string; text: string };
}

export interface SequenceState {
  source: SequenceSource;
  sequence: Sequence;
  errors: MemscopeError[];
}

export interface SessionInputs {
  info: ModuleInfo;
  moduleName: string;
  moduleBytes: Uint8Array;
  explicit: Partial<SessionConfig>;
  config: SessionConfig;
  sequence: SequenceState | null;
  init: WorkerInit;
}

export function resolveInputs(options: OpenOptions): Result<SessionInputs> {
  // Our reader only: V8 compiles the module in the worker, so the controlling thread never
  // spends a large module's compile time (a V8 rejection comes back as 'malformed-module').
  const glue = options.glue ? readGlueNames(options.glue.text, options.glue.file) : null;
  if (glue && !glue.ok) return glue;
  const inspected = inspectBytes(options.moduleBytes, { crossCheck: false, ...(glue ? { glue: glue.value } : {}) });
  if (!inspected.ok) return inspected;
  // A coredump is a valid module (its memory as data segments) that runs, does nothing and
  // reports success; opened where a module goes (often named .wasm), it is refused with where it
  // goes, in the words every other entry point uses for a wrong kind of file (shared/file-kind.ts),
  // and where the page opens one: this is the page's refusal too.
  if (inspected.value.customSections.some((s) => s.name === CORE)) {
    const wrong = wrongKindText(options.moduleName, 'module', 'coredump')!;
    return { ok: false, error: { code: 'usage', message: `${wrong}, and the start screen's Open coredump or snapshot… opens it` } };
  }
  const base = {
    info: inspected.value,
    moduleName: options.moduleName,
    moduleBytes: options.moduleBytes,
    explicit: options.config ?? {},
  };
  return withSequence(base, options.sequence ?? null);
}

/** The same module and explicit config with another sequence (or none). */
export function withSequence(
  base: Pick<SessionInputs, 'info' | 'moduleName' | 'moduleBytes' | 'explicit'>,
  source: SequenceSource | null,
): Result<SessionInputs> {
  let sequence: SequenceState | null = null;
  let fromDirectives: Partial<SessionConfig> = {};
  if (source) {
    const checked = checkSequence(source.text, source.file, base.info, source.parsed);
    sequence = { source, sequence: checked.sequence, errors: checked.errors };
    fromDirectives = directivesToConfig(checked.sequence.directives, source.baseDir ?? process.cwd());
  }
  const config: SessionConfig = { ...DEFAULT_SESSION_CONFIG, ...fromDirectives, ...base.explicit };
  config.timeoutMs = Math.min(config.timeoutMs, config.timeoutCapMs);
  config.captureLimitMs = Math.min(config.captureLimitMs, config.timeoutCapMs);
  config.importBindings = { ...fromDirectives.importBindings, ...base.explicit.importBindings };
  const planned = planImports(base.info, config.importBindings, config.strictImports);
  if (!planned.ok) return planned;
  const info = annotateImports(sequence ? withDeclaredAllocator(base.info, sequence.sequence.directives).info : base.info, planned.value);
  const runnable = sequence !== null && sequence.errors.length === 0;
  const init: WorkerInit = {
    moduleBytes: base.moduleBytes,
    moduleName: base.moduleName,
    info,
    bindings: planned.value,
    args: config.args,
    env: config.env,
    preopens: config.preopens,
    stdin: config.stdin,
    memoryCapBytes: config.memoryCapBytes,
    deterministic: config.deterministic,
    stdioTty: config.stdioTty,
    recording: config.recording,
    // Watches need the rewritten module's write reports, so a sequence with one traces writes.
    traceWrites: config.recording && (config.traceWrites || (runnable && sequence!.sequence.steps.some((s) => s.kind === 'watch'))),
    sequence: runnable && source
      ? { text: source.text, ...(source.file !== undefined ? { file: source.file } : {}), parsed: sequence!.sequence } : null,
  };
  return { ok: true, value: { ...base, info, config, sequence, init } };
}
