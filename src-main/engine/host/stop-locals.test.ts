// A watch's stop reads the variables of the function it paused in: write tracing passes the
// writer's frame base (the wasm local DWARF names), and its DWARF frame variables read from memory
// at it (shared/frame-locals.ts), in scope at the write. On clang -O0 C (dwarf/testdata/frames.c).

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSessionsDisposedAfterEach } from './test-helpers.ts';
import { formatStopLocals, readStopLocals, stopLocals } from '../../shared/frame-locals.ts';
import { readerOf } from '../../shared/static-follow.ts';
import type { Session } from './session.ts';
import type { StepRecord } from '../../shared/dto.ts';

const open = openSessionsDisposedAfterEach();
const FRAMES = resolve(import.meta.dirname, '../module/dwarf/testdata/frames.wasm');
/** scale() writes last.x once per turn of its loop; the sequence watches it with a stop. */
const SEQUENCE = readFileSync(resolve(import.meta.dirname, '../module/dwarf/testdata/frames.wseq'), 'utf8');

/** The stop's locals as `memscope run` prints them: the writer's (innermost) first, then each caller's. */
async function localsText(session: Session): Promise<string | null> {
  const frames = await readStopLocals(session.info, session.lastRecord, readerOf(session));
  return frames.length > 0 ? frames.map(formatStopLocals).join('\n') : null;
}

describe('the locals of a watch stop', () => {
  it('are the paused function\'s parameters and the locals in scope at the write, read at its frame', async () => {
    const session = await open(FRAMES, { sequence: SEQUENCE });
    const input = session.info.statics!.find((s) => s.name === 'input')!.address;
    // The loop's first write to last.x: i = 0, and the loop body's total (0) hides the outer one.
    const first = (await session.run()).at(-1)!;
    expect(first.error?.code).toBe('watchpoint');
    expect(first.watchHits?.at(-1)?.frame?.base).toEqual(expect.any(Number));
    expect(stopLocals(session.info, session.lastRecord)?.function).toBe('scale');
    expect(await localsText(session)).toBe(`locals of scale: p = 0x${input.toString(16)}, factor = 2, scaled = { x: 6, y: 8 }, total = 0, i = 0`);
    // Each at its place in the frame: the struct's bytes there.
    const scaled = stopLocals(session.info, session.lastRecord)!.variables.find((v) => v.name === 'scaled')!;
    const bytes = await session.readMemory(scaled.address, 8);
    expect(bytes.ok && Array.from(new Int32Array(bytes.value.bytes.slice().buffer))).toEqual([6, 8]);
    // Stepping on pauses at the next write: the next turn of the loop.
    const second = await session.step();
    expect(second?.error?.code).toBe('watchpoint');
    expect(await localsText(session)).toBe(`locals of scale: p = 0x${input.toString(16)}, factor = 2, scaled = { x: 6, y: 8 }, total = 10 (0xa), i = 1`);
    // Past the stops the call ends; no stop, no locals.
    const rest = await session.run();
    expect(rest.map((r) => r.ok)).toEqual([true, true]);
    expect(stopLocals(session.info, session.lastRecord)).toBeNull();
  });

  it("reads each caller's variables too, one frame size further out: scale_twice's, around its two calls of scale", async () => {
    const session = await open(FRAMES, { sequence: readFileSync(resolve(import.meta.dirname, '../module/dwarf/testdata/frames-caller.wseq'), 'utf8') });
    await session.run();
    expect(session.lastRecord?.error?.stack?.map((f) => f.name)).toEqual(['scale', 'scale_twice']);
    // The caller's frame base is scale's plus scale's 32-byte frame: its parameters read right.
    expect(await localsText(session)).toBe([
      'locals of scale: p = 0x400, factor = 2, scaled = { x: 6, y: 8 }, total = 0, i = 0',
      'locals of scale_twice: p = 0x400, factor = 2, first = 0, second = 0',
    ].join('\n'));
    expect(stopLocals(session.info, session.lastRecord, 2)).toBeNull();
    // Two stops on, inside the second call: the first call's result is in scale_twice's frame.
    await session.step();
    await session.step();
    expect(await localsText(session)).toBe([
      'locals of scale: p = 0x400, factor = 3, scaled = { x: 9, y: 12 (0xc) }, total = 0, i = 0',
      'locals of scale_twice: p = 0x400, factor = 2, first = 24 (0x18), second = 0',
    ].join('\n'));
  });

  it('a local set at the stop: the paused call goes on with it, and every later replay writes it there again', async () => {
    const session = await open(FRAMES, { sequence: SEQUENCE });
    await session.run();
    const scaled = stopLocals(session.info, session.lastRecord)!.variables.find((v) => v.name === 'scaled')!;
    const i32 = (n: number) => new Uint8Array(new Int32Array([n]).buffer);
    // scaled.x = 100 at the first stop (i = 0): the paused instance has it at once.
    expect((await session.writeMemory(scaled.address, i32(100))).ok).toBe(true);
    expect(await localsText(session)).toMatch(/scaled = \{ x: 100 \(0x64\), y: 8 \}, total = 0, i = 0$/);
    // Going on runs scale() again from its start, letting the first stop pass and writing
    // scaled.x right after it: the second turn writes last.x = scaled.x + 10.
    const second = await session.step();
    expect(second?.error?.message).toMatch(/^watch 'last_x' was written by scale\+0xdc \(frames\.c:17:12\): 06 00 00 00 → 6e 00 00 00/);
    expect(await localsText(session)).toMatch(/scaled = \{ x: 100 \(0x64\), y: 8 \}, total = 10 \(0xa\), i = 1$/);
    // A second write at the second stop, then to the end: r = last.x + scaled.y = 110 + 1.
    expect((await session.writeMemory(scaled.address + 4, i32(1))).ok).toBe(true);
    const rest = await session.run();
    expect(rest.map((r) => r.error?.code ?? 'ok')).toEqual(['ok', 'expect-failed']);
    expect(session.bindings.r).toEqual({ kind: 'int', bits: 32, value: '111' });
    // Stepping back replays the call, checked against this run: both writes go in again where
    // they were made (without them the replay's memory would differ and it would say so).
    expect(await session.stepBack()).toEqual({ ok: true, value: null });
    expect(session.bindings.r).toEqual({ kind: 'int', bits: 32, value: '111' });
  });

  it('watched at the stop, a local written before it and one written after: going on stops at the later write, never back at the earlier', async () => {
    const session = await open(FRAMES, { sequence: SEQUENCE });
    await session.run();
    const at = (name: string) => stopLocals(session.info, session.lastRecord)!.variables.find((v) => v.name === name)!;
    const scaled = at('scaled');
    const i = at('i');
    // `scaled` was written at the call's start, before the pause; `i` is written next (i++).
    const watch = (name: string, v: { address: number; size: number | null }) => ({ name, address: v.address, size: v.size ?? 4, stop: true });
    expect(await session.setWatches([watch('scaled', scaled), watch('i', i)])).toEqual({ ok: true, value: null });
    const stops: string[] = [];
    for (let r = await session.step(); r?.error?.code === 'watchpoint'; r = await session.step()) stops.push(r.error.message.replace(/ at 0x[0-9a-f]+$/, ''));
    // Then the second turn's last.x, then i again; each going on passes, in turn, the stops made
    // under the set before the change (one) and under the new one. It used to stop at `scaled`'s
    // write at the call's start: going on counted the stops to pass in the new set.
    expect(stops).toEqual([
      "watch 'i' was written by scale+0xf9 (frames.c:15:27): 00 00 00 00 → 01 00 00 00",
      "watch 'last_x' was written by scale+0xdc (frames.c:17:12): 06 00 00 00 → 10 00 00 00",
      "watch 'i' was written by scale+0xf9 (frames.c:15:27): 01 00 00 00 → 02 00 00 00",
    ]);
  });

  describe('a watch on the stop\'s frame (WatchSpec.frameStep) ends when the paused call returns, as later calls reuse its bytes', () => {
    // scale() twice: the second call's frame is where the first's was, and it sets i = 0 first.
    const TWICE = `${SEQUENCE.replace('expect r == 24\n', '')}r2 = scale(&input, 3)\n`;
    const said = (records: readonly (StepRecord | null)[]): string[] => records.map((r) => `line ${r!.line}: ${r!.error?.code === 'watchpoint' ? r!.error.message.split(' was written')[0] : r!.ok ? 'ok' : r!.error?.message}`);

    async function pausedWithFrameWatch(): Promise<Session> {
      const session = await open(FRAMES, { sequence: TWICE });
      await session.run();
      const i = stopLocals(session.info, session.lastRecord)!.variables.find((v) => v.name === 'i')!;
      expect(await session.setWatches([{ name: 'i', address: i.address, size: 4, stop: true, frameStep: session.pausedInStep! }])).toEqual({ ok: true, value: null });
      return session;
    }

    // In the first call: i++ twice and the loop's second last.x; the second call stops at its
    // last.x writes only (its i = 0 would have stopped first, on bytes that are its own).
    const EXPECTED = ["line 6: watch 'i'", "line 6: watch 'last_x'", "line 6: watch 'i'", 'line 6: ok', "line 7: watch 'last_x'", "line 7: watch 'last_x'", 'line 7: ok'];

    it('stepping: taken off right after the step whose call it was in returned', async () => {
      const session = await pausedWithFrameWatch();
      const records: (StepRecord | null)[] = [];
      for (let r = await session.step(); r && records.length < 10; r = await session.step()) {
        records.push(r);
        if (r.line === 6 && r.ok) expect(session.watches).toEqual([]);
      }
      expect(said(records)).toEqual(EXPECTED);
    });

    it('running: the paused step runs alone, then the rest without it', async () => {
      const session = await pausedWithFrameWatch();
      const records: StepRecord[] = [];
      for (let batch = await session.run(); batch.length > 0 && records.length < 10; batch = await session.run()) records.push(...batch);
      expect(said(records)).toEqual(EXPECTED);
    });

    it("inside one call: taken off when the function returns (its frame popped), so a second call of it in the same step does not stop on its own i = 0", async () => {
      // scale_twice calls scale twice in one step; both frames of scale are at the same place.
      const session = await open(FRAMES, { sequence: readFileSync(resolve(import.meta.dirname, '../module/dwarf/testdata/frames-caller.wseq'), 'utf8') });
      await session.run();
      const i = stopLocals(session.info, session.lastRecord)!.variables.find((v) => v.name === 'i')!;
      // And the caller's `first`, whose frame outlives both calls of scale (scale_twice is not a leaf).
      const first = stopLocals(session.info, session.lastRecord, 1)!.variables.find((v) => v.name === 'first')!;
      const paused = session.pausedInStep!;
      expect((await session.setWatches([
        { name: 'i', address: i.address, size: 4, stop: true, frameStep: paused },
        { name: 'first', address: first.address, size: 4, stop: true, frameStep: paused },
      ])).ok).toBe(true);
      const records: StepRecord[] = [];
      const live: string[][] = [];
      for (let r = await session.step(); r && records.length < 10; r = await session.step()) {
        records.push(r);
        live.push(session.watches.map((w) => w.name));
      }
      expect(said(records)).toEqual(["line 6: watch 'i'", "line 6: watch 'last_x'", "line 6: watch 'i'", "line 6: watch 'first'",
        "line 6: watch 'last_x'", "line 6: watch 'last_x'", 'line 6: ok', 'line 7: ok']);
      // i's watch ends as the second call of scale is entered: the stop there says so (the step's
      // runs again, to go on, end it at the same point, and say so again).
      expect(records.map((r) => r.watchesEnded ?? []).slice(0, 5)).toEqual([[], [], [], [], ['i']]);
      expect(live).toEqual([['i', 'first'], ['i', 'first'], ['i', 'first'], ['i', 'first'], ['first'], ['first'], [], []]);
      const second = records[4]!.watchHits!.at(-1)!;
      expect([second.old, second.value]).toEqual(['10 00 00 00', '09 00 00 00']);
    });

    it("a static watched for the rest of the paused call is no frame's: calls entered later leave it on until the step's call returns", async () => {
      // The app's break on a static at a pause (its line acts only after the call): last.y, in
      // both calls of scale inside scale_twice, below the stack the calls' frames use.
      const session = await open(FRAMES, { sequence: readFileSync(resolve(import.meta.dirname, '../module/dwarf/testdata/frames-caller.wseq'), 'utf8') });
      await session.run();
      const y = session.info.statics!.find((v) => v.name === 'last')!.address + 4;
      expect((await session.setWatches([{ name: 'last_y', address: y, size: 4, stop: true, frameStep: session.pausedInStep! }])).ok).toBe(true);
      const records: StepRecord[] = [];
      for (let r = await session.step(); r && records.length < 10; r = await session.step()) records.push(r);
      expect(said(records)).toEqual(["line 6: watch 'last_x'", "line 6: watch 'last_y'", "line 6: watch 'last_x'", "line 6: watch 'last_x'",
        "line 6: watch 'last_y'", 'line 6: ok', 'line 7: ok']);
      expect(records.flatMap((r) => r.watchesEnded ?? [])).toEqual([]);
    });

    it('going back: taken off, and refused for a call not paused', async () => {
      const session = await pausedWithFrameWatch();
      expect((await session.stepBack(0)).ok).toBe(true);
      expect(session.watches).toEqual([]);
      const refused = await session.setWatches([{ name: 'i', address: 0x100, size: 4, stop: true, frameStep: 3 }]);
      expect(!refused.ok && refused.error.message).toBe("watch 'i': it is on the stack frame of the call of step 4, which is not paused (it returned, or has not run): later calls reuse those bytes");
    });
  });
});
