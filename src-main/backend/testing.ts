// Shared by the backend tests: backends over real sessions that are disposed after each test,
// and the unwrapping of a Result that must be ok.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { FreshView, SessionView, StepsRan } from '../shared/contract.ts';
import type { Result, StepRecord } from '../shared/dto.ts';
import { DEFAULT_EXAMPLES_DIR } from './demos.ts';
import type { BackendEvent, BackendHandle, BackendOptions } from './handle.ts';
import { createBackend } from './index.ts';

/**
 * For a test file whose tests each create backends: call once at the top level; the returned
 * function works like createBackend, and every backend it made is disposed after each test,
 * whether the test passed or not (its worker ends with it).
 */
export function backendsDisposedAfterEach(): (options?: BackendOptions) => BackendHandle {
  const made: BackendHandle[] = [];
  afterEach(async () => {
    for (const handle of made.splice(0)) await handle.dispose();
  });
  return (options = {}) => {
    const handle = createBackend(options);
    made.push(handle);
    return handle;
  };
}

/** The value of an ok result; an error fails the test with its code and message. */
export function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

/**
 * The session after a request that must succeed and whose answer is not the state: one that runs
 * steps (StepsRan) or makes a fresh view (FreshView), the state having come as events.
 */
export async function stateAfter(h: BackendHandle, answer: Promise<Result<StepsRan | FreshView>>): Promise<SessionView> {
  value(await answer);
  return value(await h.backend.getSession({}))!;
}

/** The step records an event carries: a single step's (`step`) or a run's batch (`steps`). */
export function stepRecordsOf(e: BackendEvent): StepRecord[] {
  return e.name === 'step' ? [e.payload] : e.name === 'steps' ? e.payload : [];
}

/** Opens the c-struct example's module in `h` with the sequence `text` (as the page does: bytes, then the text). */
export async function openCStruct(h: BackendHandle, text: string): Promise<void> {
  const bytes = new Uint8Array(await readFile(join(DEFAULT_EXAMPLES_DIR, 'c-struct', 'c-struct.wasm')));
  value(await h.backend.openModule({ module: { name: 'c-struct.wasm', bytes } }));
  value(await h.backend.setSequence({ name: 's.wseq', text }));
}
