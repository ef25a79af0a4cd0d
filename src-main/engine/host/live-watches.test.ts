// Session.setWatches: watches added and removed mid-session (a debugger's data breakpoints), on a
// real C module; write tracing is turned on by replaying the steps so far when it was off.

import { describe, expect, it } from 'vitest';
import { example, openSessionsDisposedAfterEach } from './test-helpers.ts';
import type { BoundValue, StepRecord } from '../../shared/dto.ts';
import type { Session } from './session.ts';

const open = openSessionsDisposedAfterEach();
const SEQUENCE = 'p = malloc(32)\npoint_init(p, 3, 4, 7)\nd = point_manhattan(p)\nfree(p)\n';

function int(value: BoundValue | undefined): number {
  if (value?.kind !== 'int') throw new Error(`not an int: ${JSON.stringify(value)}`);
  return Number(value.value);
}

/** c-struct traced, p malloc'ed, a stopping watch `name` on [p, p + size), paused at its first write (inside point_init). */
async function pausedInPointInit(name: string, size: number): Promise<{ session: Session; p: number; stop: StepRecord | null }> {
  const session = await open(example('c-struct'), { sequence: SEQUENCE, config: { traceWrites: true } });
  await session.step();
  const p = int(session.bindings.p);
  await session.setWatches([{ name, address: p, size, stop: true }]);
  return { session, p, stop: await session.step() };
}

describe('Session.setWatches', () => {
  it('turns write tracing on by replaying, then stops right after the write to the field', async () => {
    const session = await open(example('c-struct'), { sequence: SEQUENCE, config: { deterministic: true } });
    expect(session.traceWrites).toBe(false);
    expect((await session.step())?.ok).toBe(true);
    const p = int(session.bindings.p);
    const set = await session.setWatches([{ name: 'pt.y', address: p + 4, size: 4, stop: true }]);
    expect(set).toEqual({ ok: true, value: null });
    expect(session.traceWrites).toBe(true);
    // The replayed malloc step carries its writers now; the binding is the same.
    expect(session.steps).toHaveLength(1);
    expect(session.steps[0]!.writes?.length).toBeGreaterThan(0);
    expect(int(session.bindings.p)).toBe(p);

    const stopped = await session.step();
    expect(stopped?.error?.code).toBe('watchpoint');
    expect(stopped?.error?.message).toContain("watch 'pt.y' was written by point_init+0x20");
    expect(stopped?.error?.stack?.map((f) => f.name)).toEqual(['point_init']);
    const mem = await session.readMemory(p, 16);
    expect(mem.ok && Array.from(mem.value.bytes)).toEqual([3, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('removing the watch lets the same call run to its end', async () => {
    const session = await open(example('c-struct'), { sequence: SEQUENCE, config: { traceWrites: true } });
    await session.step();
    const p = int(session.bindings.p);
    expect((await session.setWatches([{ name: 'y', address: p + 4, size: 4, stop: true }])).ok).toBe(true);
    expect(session.watches).toHaveLength(1);
    expect((await session.setWatches([])).ok).toBe(true);
    const records = await session.run();
    expect(records.map((r) => r.ok)).toEqual([true, true, true]);
    expect(records.every((r) => r.watchHits === undefined)).toBe(true);
  });

  it('a watch that does not stop records its hits, and stepping back replays it at the same point', async () => {
    const session = await open(example('c-struct'), { sequence: SEQUENCE, config: { traceWrites: true } });
    await session.step();
    const p = int(session.bindings.p);
    await session.setWatches([{ name: 'x', address: p, size: 4, stop: false }]);
    const records = await session.run();
    expect(records.map((r) => r.ok)).toEqual([true, true, true]);
    expect(records[0]!.watchHits).toEqual([{ name: 'x', address: p, size: 4, old: '00 00 00 00', value: '03 00 00 00', function: 'point_init', offset: expect.any(Number) }]);
    // Replayed with the watch set after step 1, as it was: the records match, so no divergence.
    const back = await session.stepBack(2);
    expect(back).toEqual({ ok: true, value: null });
    expect(session.steps[1]!.watchHits).toEqual(records[0]!.watchHits);
    expect(session.watches.map((w) => w.name)).toEqual(['x']);
  });

  it('resumes after a stop: the same call runs again, past the stops reported, to the next write', async () => {
    const { session, stop: first } = await pausedInPointInit('xy', 8);
    expect(first?.error?.message).toMatch(/^watch 'xy' was written by point_init\+0x[0-9a-f]+: 00 00 00 00 → 03 00 00 00 at 0x/);
    expect(await session.resumeAfterWatch()).toEqual({ ok: true, value: null });
    expect(session.nextStep).toBe(1);
    const second = await session.step();
    expect(second?.error?.message).toMatch(/^watch 'xy' was written by point_init\+0x20: 00 00 00 00 → 04 00 00 00 at 0x/);
    expect(second?.watchHits?.map((h) => h.value)).toEqual(['03 00 00 00', '04 00 00 00']);
    expect((await session.resumeAfterWatch()).ok).toBe(true);
    const rest = await session.run();
    expect(rest.map((r) => r.ok)).toEqual([true, true, true]);
    expect(int(session.bindings.d)).toBe(7);
    const refused = await session.resumeAfterWatch();
    expect(!refused.ok && refused.error.message).toContain('did not stop at a watched write');
  });

  it('a stop is a pause: the next step or run goes on past it, as a debugger\'s Continue', async () => {
    const { session, stop } = await pausedInPointInit('xy', 8);
    expect(stop?.error?.code).toBe('watchpoint');
    expect(session.state).toBe('paused');
    expect(session.whyCannotStep()).toBeNull();
    const second = await session.step();
    expect(second?.error?.message).toMatch(/^watch 'xy' was written by point_init\+0x20/);
    const rest = await session.run();
    expect(rest.map((r) => [r.index, r.ok])).toEqual([[1, true], [2, true], [3, true]]);
    expect(int(session.bindings.d)).toBe(7);
  });

  it('one write over two stopping watches (a struct and its field) is one stop: passed once going on, met once going back', async () => {
    const session = await open(example('c-struct'), { sequence: SEQUENCE, config: { traceWrites: true, deterministic: true } });
    await session.step();
    const p = int(session.bindings.p);
    await session.setWatches([{ name: 'pt', address: p, size: 12, stop: true }, { name: 'pt.y', address: p + 4, size: 4, stop: true }]);
    const said = (r: StepRecord | null | undefined): string => (r?.error?.message ?? '').replace(/ at 0x[0-9a-f]+/, '').replace(/point_init\+0x[0-9a-f]+/, 'point_init');
    const stops: string[] = [];
    let record = await session.step();
    for (; record?.error?.code === 'watchpoint' && stops.length < 6; record = await session.step()) stops.push(said(record));
    const x = "watch 'pt' was written by point_init: 00 00 00 00 → 03 00 00 00";
    const y = "watch 'pt' was written by point_init: 00 00 00 00 → 04 00 00 00; the same write hit watch 'pt.y'";
    // weight = 5.0, a double at p + 8: its low half (the watch's last 4 bytes) stays 0.
    const w = "watch 'pt' was written by point_init: 00 00 00 00 → 00 00 00 00";
    expect(stops).toEqual([x, y, w]);
    // The call's record: y's write made two hits, the stop's last, marked as the same write.
    expect(record?.ok).toBe(true);
    expect(record?.watchHits?.map((h) => [h.name, h.value, h.sameWrite ?? false])).toEqual([
      ['pt', '03 00 00 00', false], ['pt.y', '04 00 00 00', false], ['pt', '04 00 00 00', true], ['pt', '00 00 00 00', false],
    ]);
    await session.run();
    const back: string[] = [];
    for (let r = await session.reverseContinue(0); r.ok && r.value.watch && back.length < 6; r = await session.reverseContinue(0)) back.push(said(session.lastRecord));
    // Going back meets the writes that changed a watched byte: y's once, then x's.
    expect(back).toEqual([y, x]);
    expect(session.nextStep).toBe(0);
  });

  it('going on replays the step quietly: each state it announces meanwhile says so (its step count is in between)', async () => {
    const { session, stop } = await pausedInPointInit('xy', 8);
    expect(stop?.index).toBe(1);
    const seen: string[] = [];
    session.on('state', (state) => seen.push(`${state} ${session.replaying ? 'replaying' : `at ${session.nextStep}`}`));
    expect((await session.step())?.error?.code).toBe('watchpoint');
    // A shell reads the state after the event (the backend a turn later): while the log is being
    // rebuilt from step 0 the session says it replays, so no one shows the count of that moment.
    expect(seen).toEqual(['running replaying', 'paused at 1', 'running at 1', 'paused at 2']);
    expect(session.replaying).toBe(false);
  });

  it('refuses an ad-hoc call while paused: the paused call is cut short, and going on runs it again from its start', async () => {
    const { session, stop } = await pausedInPointInit('x', 4);
    expect(stop?.error?.code).toBe('watchpoint');
    const refused = "cannot call an export while paused at a watch's stop: the paused call is cut short and stepping on runs it again from its start; do it before that call (a step above it) or after it";
    expect(await session.call('point_size', [])).toEqual({ ok: false, error: { code: 'usage', message: refused } });
    // Past the stop, the call returned: calls go in again.
    expect((await session.step())?.ok).toBe(true);
    expect((await session.call('point_size', [])).ok).toBe(true);
  });

  it("the debugger's own writes over a stopping watch neither stop nor report a hit, and the watch's next hit is old → new from them", async () => {
    // Between steps, then at the watch's stop: both used to end in an error ("out-of-bounds")
    // after the bytes were in, with the stray hit in the next step and every later stop gone.
    const { session, p } = await pausedInPointInit('pt', 12);
    expect(await session.writeMemory(p + 8, new Uint8Array([9, 0, 0, 0]))).toEqual({ ok: true, value: { memorySize: expect.any(Number) } });
    const next = await session.step();
    expect(next?.error?.message).toMatch(/^watch 'pt' was written by point_init\+0x[0-9a-f]+: 00 00 00 00 → 04 00 00 00/);
    expect(next?.watchHits?.map((h) => h.function)).toEqual(['point_init', 'point_init']);
    const rest = await session.run();
    expect(rest[0]?.watchHits?.map((h) => `${h.function}: ${h.old} → ${h.value}`)).toEqual([
      'point_init: 00 00 00 00 → 03 00 00 00', 'point_init: 00 00 00 00 → 04 00 00 00', 'point_init: 09 00 00 00 → 00 00 00 00', // weight (5.0, a double): its low half
    ]);
    // Between steps too: the write goes in, and the next stop is the guest's.
    await session.reset();
    await session.setWatches([{ name: 'pt', address: p, size: 12, stop: true }]);
    expect((await session.step())?.ok).toBe(true);
    expect((await session.writeMemory(p, new Uint8Array([5, 0, 0, 0]))).ok).toBe(true);
    expect((await session.step())?.error?.message).toMatch(/: 05 00 00 00 → 03 00 00 00/);
  });

  it('going on past a stop does not print again what the stopped run of the step printed', async () => {
    // wasi-io counts each stdin line in a static, then prints it: the stops come between the lines.
    const session = await open(example('wasi-io'), { sequence: 'env "GREETING=hi"\nstdin "line one\\nline two\\n"\ndeterministic\nst = io_state()\nwatch lines @ st [4] stop\n_start()\n' });
    const out: string[] = [];
    session.on('output', (chunk) => out.push(new TextDecoder().decode(chunk.bytes)));
    expect((await session.run()).at(-1)?.error?.message).toMatch(/00 00 00 00 → 01 00 00 00/);
    expect(out).toEqual([]);
    expect((await session.run()).at(-1)?.error?.message).toMatch(/01 00 00 00 → 02 00 00 00/);
    expect(out).toEqual(['hi: LINE ONE\n']);
    expect((await session.run()).map((r) => r.ok)).toEqual([true]);
    expect(out).toEqual(['hi: LINE ONE\n', 'hi: LINE TWO\n']);
  });

  it('refuses a bad watch, and says to restart with tracing when it cannot be turned on', async () => {
    const session = await open(example('c-struct'), { sequence: SEQUENCE, config: { traceWrites: true } });
    const empty = await session.setWatches([{ name: 'z', address: 16, size: 0, stop: true }]);
    expect(!empty.ok && empty.error).toMatchObject({ code: 'usage', message: expect.stringContaining('at least 1 byte') });
    const far = await session.setWatches([{ name: 'z', address: 2 ** 32 - 2, size: 4, stop: true }]);
    expect(!far.ok && far.error.message).toContain('4 GiB');
    const plain = await open(example('c-struct'), { sequence: SEQUENCE, config: { recording: false } });
    const refused = await plain.setWatches([{ name: 'z', address: 16, size: 4, stop: true }]);
    expect(!refused.ok && refused.error.message).toMatch(/start the session again with write tracing on/);
    expect(plain.traceWrites).toBe(false);
  });
});

describe('Session.reverseContinue', () => {
  // x and y written by point_init (step 2), y again by the host (step 3); step 4 only reads.
  const WRITES = 'p = malloc(32)\npoint_init(p, 3, 4, 7)\nwrite i32 -7 @ p + 4\nd = point_manhattan(p)\n';

  async function ranToEnd() {
    const session = await open(example('c-struct'), { sequence: WRITES, config: { traceWrites: true, deterministic: true } });
    await session.step();
    const p = int(session.bindings.p);
    // Set after the steps that write it ran, as a debugger's data breakpoint usually is.
    const records = await session.run();
    expect(records.map((r) => r.ok)).toEqual([true, true, true]);
    expect((await session.setWatches([{ name: 'xy', address: p, size: 8, stop: true }])).ok).toBe(true);
    return { session, p };
  }

  async function bytesAt(session: Awaited<ReturnType<typeof ranToEnd>>['session'], p: number): Promise<number[]> {
    const mem = await session.readMemory(p, 8);
    if (!mem.ok) throw new Error(mem.error.message);
    return Array.from(mem.value.bytes);
  }

  it('goes back write by write that changed a watched byte, each time as right after it, then to the start', async () => {
    const { session, p } = await ranToEnd();
    expect(await session.reverseContinue(0)).toEqual({ ok: true, value: { watch: true, step: 2 } });
    expect(session.nextStep).toBe(3);
    expect(session.lastRecord?.error?.message).toMatch(/^watch 'xy' was written by host: 04 00 00 00 → f9 ff ff ff at 0x/);
    expect(await bytesAt(session, p)).toEqual([3, 0, 0, 0, 0xf9, 0xff, 0xff, 0xff]);
    // Within point_init: y's write, then x's, the step stopped in each.
    expect(await session.reverseContinue(0)).toEqual({ ok: true, value: { watch: true, step: 1 } });
    expect(session.lastRecord?.error?.message).toMatch(/^watch 'xy' was written by point_init\+0x20: 00 00 00 00 → 04 00 00 00 at 0x/);
    expect(await bytesAt(session, p)).toEqual([3, 0, 0, 0, 4, 0, 0, 0]);
    expect(await session.reverseContinue(0)).toEqual({ ok: true, value: { watch: true, step: 1 } });
    expect(session.lastRecord?.error?.message).toMatch(/^watch 'xy' was written by point_init\+0x[0-9a-f]+: 00 00 00 00 → 03 00 00 00 at 0x/);
    expect(await bytesAt(session, p)).toEqual([3, 0, 0, 0, 0, 0, 0, 0]);
    // No earlier write changed them: back to the start, as stepping back there.
    expect(await session.reverseContinue(0)).toEqual({ ok: true, value: { watch: false, step: 0 } });
    expect(session.nextStep).toBe(0);
  });

  it('a stop it went back to goes on forward as a forward stop does; a later breakpoint comes first', async () => {
    const { session, p } = await ranToEnd();
    // The start of step 4 (a line breakpoint there) is later than the host's write in step 3.
    expect(await session.reverseContinue(3)).toEqual({ ok: true, value: { watch: false, step: 3 } });
    expect(session.nextStep).toBe(3);
    expect(await session.reverseContinue(1)).toEqual({ ok: true, value: { watch: true, step: 2 } });
    expect(await session.reverseContinue(1)).toEqual({ ok: true, value: { watch: true, step: 1 } });
    // Stopped at y's write: going on passes it and stops at the host's, then runs to the end.
    expect((await session.resumeAfterWatch()).ok).toBe(true);
    const rerun = await session.step();
    expect(rerun?.ok).toBe(true);
    expect(rerun?.watchHits?.map((h) => h.value)).toEqual(['03 00 00 00', '04 00 00 00']);
    const host = await session.step();
    expect(host?.error?.message).toMatch(/by host: 04 00 00 00 → f9 ff ff ff/);
    expect((await session.resumeAfterWatch()).ok).toBe(true);
    expect((await session.run()).map((r) => r.ok)).toEqual([true, true]);
    expect(await bytesAt(session, p)).toEqual([3, 0, 0, 0, 0xf9, 0xff, 0xff, 0xff]);
  });

  it("the sequence's own `watch … stop` counts as a data breakpoint does", async () => {
    const session = await open(example('c-struct'), { sequence: 'p = malloc(32)\nwatch y @ p + 4 [4] stop\npoint_init(p, 3, 4, 7)\nd = point_manhattan(p)\n', config: { deterministic: true } });
    expect((await session.run()).at(-1)?.error?.code).toBe('watchpoint');
    expect((await session.resumeAfterWatch()).ok).toBe(true);
    expect((await session.run()).map((r) => r.ok)).toEqual([true, true]);
    expect(await session.reverseContinue(0)).toEqual({ ok: true, value: { watch: true, step: 2 } });
    expect(session.lastRecord?.error?.message).toMatch(/^watch 'y' was written by point_init\+0x20: 00 00 00 00 → 04 00 00 00 at 0x/);
  });

  it('without watches it is stepping back to the step given', async () => {
    const session = await open(example('c-struct'), { sequence: WRITES, config: { traceWrites: true } });
    await session.run();
    expect(await session.reverseContinue(1)).toEqual({ ok: true, value: { watch: false, step: 1 } });
    expect(session.nextStep).toBe(1);
  });
});
