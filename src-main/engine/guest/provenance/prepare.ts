// The worker's entry to Binaryen: prepares a module for write tracing, as an error value when it
// cannot. Imported only when a worker has no prepared copy yet (see PreparedTracing).

import type { MemscopeError, Result } from '../../../shared/dto.ts';
import { readModule } from '../../module/inspect.ts';
import { compileWithV8, v8Rejection } from '../../module/v8-check.ts';
import { loadBinaryen } from './binaryen.ts';
import { prepareTracing, type FrameBases, type PreparedTracing } from './instrument.ts';

/** `prepare`, once Binaryen is loaded: the worker awaits this before it instantiates. */
export async function loadPrepare(): Promise<typeof prepare> {
  await loadBinaryen();
  return prepare;
}

/** `frameBases`: what each write passes as its function's frame base; `stackPointer`: its global's index (instrument.ts). */
export function prepare(bytes: Uint8Array, user: Uint8Array, imported: number, frameBases?: FrameBases, stackPointer?: number): Result<PreparedTracing> {
  const refused = refusedByV8(user);
  if (refused) return { ok: false, error: refused };
  try {
    return { ok: true, value: prepareTracing(bytes, imported, user, frameBases, stackPointer) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'malformed-module', message: `write tracing could not instrument the module: ${message}` } };
  }
}

/**
 * V8's refusal of the user's module, as the run without tracing gets it (`unsupported`, naming
 * what it does not run, at the file's offset), or null. Asked before Binaryen: Binaryen would
 * rewrite such a module only to fail its own validation, printing its validator's complaint to
 * stderr and answering `malformed-module` for a module that is valid but not runnable here. V8's check validates
 * without compiling (lazy compilation): a few ms for a 2 MB Go module, beside Binaryen's rewrite.
 */
function refusedByV8(user: Uint8Array): MemscopeError | null {
  const verdict = compileWithV8(user);
  if (verdict.ok) return null;
  const read = readModule(user);
  return v8Rejection(verdict, read.ok ? read.value : { memories: [] }, user);
}
