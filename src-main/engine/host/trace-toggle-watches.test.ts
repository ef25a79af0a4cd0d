// Session.setTraceWrites off after a live watch saw writes: the steps that ran are replayed
// untraced, where no watch acts, so the first run's hits (and a stop) are not "a different run".
// Before, the replay compared them and said the guest "must have read the clock" on a
// deterministic module, and the toggle failed.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSessionsDisposedAfterEach, TESTDATA } from './test-helpers.ts';

const open = openSessionsDisposedAfterEach();
const WASM = join(TESTDATA, 'write-kinds', 'kinds.wasm');
// kinds.c's do_fill is one memory.fill; p is 0x10610, the first block wasi-libc's malloc gives.
const SEQUENCE = 'module "kinds.wasm"\np = malloc(64)\ndo_fill(p, 0x11, 8)\ndo_fill(p, 0x22, 8)\nst8(p, 3)\n';
const WATCH = { name: 'a', address: 0x10610, size: 4 };

async function bytesAtP(session: Awaited<ReturnType<typeof open>>): Promise<number[]> {
  const read = await session.readMemory(WATCH.address, 4);
  if (!read.ok) throw new Error(read.error.message);
  return Array.from(read.value.bytes);
}

describe('write tracing turned off after a watch saw writes', () => {
  it('keeps the place after a hit of a watch that does not stop', async () => {
    const session = await open(WASM, { sequence: SEQUENCE, config: { deterministic: true } });
    await session.step();
    expect(await session.setWatches([{ ...WATCH, stop: false }])).toEqual({ ok: true, value: null });
    expect((await session.step())?.watchHits?.map((h) => h.value)).toEqual(['11 11 11 11']);

    expect(await session.setTraceWrites(false)).toEqual({ ok: true, value: null });
    expect(session.traceWrites).toBe(false);
    expect(session.nextStep).toBe(2);
    expect(session.steps.every((r) => r.writes === undefined && r.watchHits === undefined)).toBe(true);
    expect(await bytesAtP(session)).toEqual([0x11, 0x11, 0x11, 0x11]);
    expect((await session.run()).map((r) => r.ok)).toEqual([true, true]);
    expect(await bytesAtP(session)).toEqual([3, 0x22, 0x22, 0x22]);
  }, 60_000);

  it('paused at a stop, goes back to that step\'s start, which then runs whole', async () => {
    const session = await open(WASM, { sequence: SEQUENCE, config: { deterministic: true } });
    await session.step();
    expect(await session.setWatches([{ ...WATCH, stop: true }])).toEqual({ ok: true, value: null });
    expect((await session.step())?.error?.code).toBe('watchpoint');

    // Untraced, nothing can pause inside the call: the nearest place is just before it.
    expect(await session.setTraceWrites(false)).toEqual({ ok: true, value: null });
    expect(session.traceWrites).toBe(false);
    expect(session.nextStep).toBe(1);
    expect(await bytesAtP(session)).toEqual([0, 0, 0, 0]);
    const rest = await session.run();
    expect(rest.map((r) => [r.line, r.ok])).toEqual([[3, true], [4, true], [5, true]]);
    expect(await bytesAtP(session)).toEqual([3, 0x22, 0x22, 0x22]);
  }, 60_000);
});
