// Session.setTraceWrites on real modules: switching write tracing on or off mid-run keeps the
// run's place (the steps that ran are replayed with it), a step that ended the worker is not run
// again, and with nothing run yet it is a plain reset.

import { describe, expect, it } from 'vitest';
import { example, openSessionsDisposedAfterEach } from './test-helpers.ts';
import { recordKey } from './replay-check.ts';

const open = openSessionsDisposedAfterEach();
const SEQUENCE = 'p = malloc(32)\npoint_init(p, 3, 4, 7)\nd = point_manhattan(p)\nfree(p)\n';

describe('Session.setTraceWrites', () => {
  it('turned on at step 3 keeps the three steps, now with their writers, and off again drops them', async () => {
    const session = await open(example('c-struct'), { sequence: SEQUENCE });
    for (let i = 0; i < 3; i++) expect((await session.step())?.ok).toBe(true);
    const bindings = JSON.stringify(session.bindings);
    const memory = await session.readMemory(0, session.memorySize);

    expect(await session.setTraceWrites(true)).toEqual({ ok: true, value: null });
    expect(session.traceWrites).toBe(true);
    expect(session.nextStep).toBe(3);
    expect(session.state).toBe('paused');
    expect(JSON.stringify(session.bindings)).toBe(bindings);
    expect(session.steps[1]!.writes?.map((w) => w.function)).toContain('point_init');
    expect(await session.readMemory(0, session.memorySize)).toEqual(memory);

    expect(await session.setTraceWrites(false)).toEqual({ ok: true, value: null });
    expect(session.traceWrites).toBe(false);
    expect(session.nextStep).toBe(3);
    expect(session.steps.every((r) => r.writes === undefined)).toBe(true);

    // The run goes on from where it was.
    expect((await session.step())?.ok).toBe(true);
    expect(session.state).toBe('done');
  });

  it('asked for what it already is, it changes nothing', async () => {
    const session = await open(example('c-struct'), { sequence: SEQUENCE });
    await session.step();
    const before = session.steps.map(recordKey);
    expect(await session.setTraceWrites(false)).toEqual({ ok: true, value: null });
    expect(session.steps.map(recordKey)).toEqual(before);
    expect(session.nextStep).toBe(1);
  });

  it('with nothing run yet it starts afresh, traced', async () => {
    const session = await open(example('c-struct'), { sequence: SEQUENCE });
    expect(await session.setTraceWrites(true)).toEqual({ ok: true, value: null });
    expect(session.state).toBe('ready');
    expect((await session.step())?.writes?.length).toBeGreaterThan(0);
  });

  it('after a step that ran past its limit, the steps before it are replayed and it is not run again', async () => {
    // spin() never returns; any limit ends it (the limit counts guest time, so no speed is assumed).
    const session = await open(example('infinite-loop'), { sequence: 'fill(1024, 256, 0xab)\nlast = read u8 @ 1024 + 255\nspin()\n', config: { timeoutMs: 200 } });
    const records = await session.run();
    expect(records.map((r) => r.error?.code ?? 'ok')).toEqual(['ok', 'ok', 'timeout']);
    expect(session.state).toBe('terminated');

    expect(await session.setTraceWrites(true)).toEqual({ ok: true, value: null });
    expect(session.nextStep).toBe(2);
    expect(session.state).toBe('paused');
    expect(session.terminated).toBeFalsy();
    expect(session.steps[0]!.writes?.length).toBeGreaterThan(0);
  });
});
