// The worker's entry to Binaryen: prepares a module for write tracing, as an error value when it
// cannot. Imported only when a worker has no prepared copy yet (see PreparedTracing).

import type { Result } from '../../../shared/dto.ts';
import { loadBinaryen } from './binaryen.ts';
import { prepareTracing, type FrameBases, type PreparedTracing } from './instrument.ts';

/** `prepare`, once Binaryen is loaded: the worker awaits this before it instantiates. */
export async function loadPrepare(): Promise<typeof prepare> {
  await loadBinaryen();
  return prepare;
}

/** `frameBases`: what each write passes as its function's frame base; `stackPointer`: its global's index (instrument.ts). */
export function prepare(bytes: Uint8Array, user: Uint8Array, imported: number, frameBases?: FrameBases, stackPointer?: number): Result<PreparedTracing> {
  try {
    return { ok: true, value: prepareTracing(bytes, imported, user, frameBases, stackPointer) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'malformed-module', message: `write tracing could not instrument the module: ${message}` } };
  }
}
