// A WASI command through the Session: a file read from a read-only preopen reaches stdout, a
// path outside the preopens is denied (non-zero exit), and a worker that cannot start is a value.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveInputs } from './session-inputs.ts';
import { collectOutput, EXAMPLES, example, openSessionsDisposedAfterEach, text } from './test-helpers.ts';
import { WorkerClient } from './worker-client.ts';

const CAT = resolve(EXAMPLES, 'wasi-cat');
const FILE = 'Hello from a preopened directory!\nThis file lives in resources/examples/wasi-cat/fixtures.\n';

const open = openSessionsDisposedAfterEach();

describe('WASI through the session', () => {
  it('reads a file from a read-only preopen and writes it to stdout', async () => {
    const session = await open(example('wasi-cat'), { sequence: readFileSync(resolve(CAT, 'wasi-cat.wseq'), 'utf8') });
    const chunks = collectOutput(session);
    const records = await session.run();
    expect(records.map((r) => r.error?.message ?? 'ok')).toEqual(records.map(() => 'ok'));
    expect(text(chunks, 'stdout')).toBe(FILE);
    const opens = records[0]!.calls[0]!.imports.filter((i) => i.name === 'path_open');
    expect(opens[0]?.summary).toContain('test.txt');
  });

  it('denies a path outside the preopens', async () => {
    const session = await open(example('wasi-cat'), { sequence: readFileSync(resolve(CAT, 'wasi-cat-denied.wseq'), 'utf8') });
    const chunks = collectOutput(session);
    const [record] = await session.run();
    expect(record?.error?.code).toBe('exit');
    expect(session.exitCode).not.toBe(0);
    expect(text(chunks, 'stdout')).toBe(FILE);
    expect(text(chunks, 'stderr')).toMatch(/\/etc\/passwd/);
    expect(text(chunks, 'stdout')).not.toMatch(/root:/);
  });

  it('a worker that fails while starting is an error value, not a rejection', async () => {
    const noop = () => {};
    const events = { output: noop, terminated: noop };
    // No init at all: the worker throws before it can answer, an uncaught error in its thread.
    const crashed = await WorkerClient.start(null as never, events);
    expect(crashed.ok ? 'ok' : crashed.error.message).toMatch(/crashed/);
    // Said as the worker's end, not as an import problem (it was a link-error).
    expect(crashed.ok ? 'ok' : crashed.error.code).toBe('terminated');
    // A module V8 rejects after our reader accepted it would be our bug; a broken ModuleInfo
    // crashes the worker while it instantiates instead: also a value.
    const inputs = resolveInputs({ moduleBytes: new Uint8Array(readFileSync(example('trap'))), moduleName: 'trap.wasm' });
    if (!inputs.ok) throw new Error(inputs.error.message);
    const failed = await WorkerClient.start({ ...inputs.value.init, info: null as never }, events);
    expect(failed.ok ? 'ok' : `${failed.error.code}: ${failed.error.message}`).toMatch(/^terminated: the guest worker crashed: /);
  });
});
