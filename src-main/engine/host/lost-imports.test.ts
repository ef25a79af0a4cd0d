// A step whose worker is ended (Stop, its time limit) keeps no import records, as they lived in
// the worker; its record still says how many import calls the guest made before the end.

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Session } from './session.ts';
import { MAX_IMPORTS_PER_CALL } from '../guest/call-recorder.ts';
import { TESTDATA, openSessionsDisposedAfterEach } from './test-helpers.ts';

/** chatter(n): n fd_writes of "x\n", then a loop that never ends. */
const CHATTER = resolve(TESTDATA, 'chatter-then-spin.wasm');

const open = openSessionsDisposedAfterEach();

/**
 * Stops the session once `lines` lines of its output arrived: each was written by an fd_write
 * the guest began before, and after the last of them it only spins, so the count is exact.
 */
function stopAfterLines(session: Session, lines: number): void {
  let seen = 0;
  session.on('output', (chunk) => {
    seen += chunk.bytes.length / 2;
    if (seen === lines) void session.stop();
  });
}

describe('import calls made before the worker was ended', () => {
  it('a stopped run says how many, past the per-call cap too', async () => {
    const made = MAX_IMPORTS_PER_CALL + 500;
    const session = await open(CHATTER, { sequence: `chatter(${made})\n` });
    stopAfterLines(session, made);
    const [record] = await session.run();
    expect(record?.error?.code).toBe('stopped');
    expect(record?.importsBeforeEnd).toBe(made);
  });

  it('a stopped single step says how many', async () => {
    const session = await open(CHATTER, { sequence: 'lines(4)\nchatter(3)\n' });
    // The first step's call returns; its 4 import calls are not counted into the next step.
    const first = await session.step();
    expect(first?.ok).toBe(true);
    expect(first?.calls[0]?.imports).toHaveLength(4);
    stopAfterLines(session, 3);
    const record = await session.step();
    expect(record?.error?.code).toBe('stopped');
    expect(record?.importsBeforeEnd).toBe(3);
  });

  it('a step over its time limit says at least as many as the lines it printed', async () => {
    const session = await open(CHATTER, { sequence: 'timeout 300\nchatter(20)\n' });
    let lines = 0;
    session.on('output', (chunk) => { lines += chunk.bytes.length / 2; });
    const [record] = await session.run();
    expect(record?.error?.code).toBe('timeout');
    // No claim of none: the count covers every line that reached us (and not more than were asked).
    expect(lines).toBeLessThanOrEqual(record?.importsBeforeEnd ?? 0);
    if (lines > 0) expect(record?.importsBeforeEnd).toBeLessThanOrEqual(20);
  });
});
