// Shared by the runtime tests: open real modules (committed .wasm) as sessions, collect output.

import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import type { OutputChunk } from '../../shared/dto.ts';
import type { SessionConfig } from '../session-api.ts';
import { Session } from './session.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const EXAMPLES = resolve(here, '../../../resources/examples');
export const TESTDATA = resolve(here, 'testdata');

export function example(name: string): string {
  return resolve(EXAMPLES, name, `${name}.wasm`);
}

/** Opens a module (and optionally a sequence text) or fails the test with the error. */
export async function openSession(
  wasmPath: string,
  options: { config?: Partial<SessionConfig>; sequence?: string; glue?: { file: string; text: string } } = {},
): Promise<Session> {
  const opened = await Session.open({
    moduleBytes: readFileSync(wasmPath),
    moduleName: basename(wasmPath),
    ...(options.config ? { config: options.config } : {}),
    ...(options.glue ? { glue: options.glue } : {}),
    ...(options.sequence !== undefined ? { sequence: { text: options.sequence, file: 'test.wseq', baseDir: dirname(wasmPath) } } : {}),
  });
  if (!opened.ok) throw new Error(`open ${wasmPath}: ${opened.error.code}: ${opened.error.message}`);
  return opened.value;
}

/**
 * For a test file whose tests each open sessions: call once at the top level; the returned
 * opener works like openSession, and every session it opened is disposed after each test,
 * whether the test passed or not (disposing twice is harmless).
 */
export function openSessionsDisposedAfterEach(): typeof openSession {
  const opened: Session[] = [];
  afterEach(async () => {
    for (const session of opened.splice(0)) await session.dispose();
  });
  return async (wasmPath, options) => {
    const session = await openSession(wasmPath, options);
    opened.push(session);
    return session;
  };
}

export function collectOutput(session: Session): OutputChunk[] {
  const chunks: OutputChunk[] = [];
  session.on('output', (chunk) => chunks.push(chunk));
  return chunks;
}

export function text(chunks: OutputChunk[], stream?: 'stdout' | 'stderr'): string {
  return chunks.filter((c) => !stream || c.stream === stream).map((c) => new TextDecoder().decode(c.bytes)).join('');
}
