// Session.run as one worker request: where it pauses (breakpoints, untilLine), that its records
// match stepping one at a time, and that a stuck step (a call, or a huge read) in the middle of
// a run still ends with every earlier record and a timeout on the right step.

import { describe, expect, it } from 'vitest';
import { TIMING_KEYS, type StepRecord } from '../../shared/dto.ts';
import { example, openSessionsDisposedAfterEach } from './test-helpers.ts';

const open = openSessionsDisposedAfterEach();

const STORY = `ret = malloc(8)
ReturnString(ret)
s = read {ptr: u32, len: u32} @ ret
text = read utf8 @ s.ptr [s.len]
free(ret)
expect text == "hello from C"
`;

/** A record without its timings, which differ from run to run. */
function content(record: StepRecord): unknown {
  return JSON.parse(JSON.stringify(record, (key, value: unknown) => (TIMING_KEYS.has(key) ? 0 : value))) as unknown;
}

describe('Session.run', () => {
  it('pauses before a breakpoint (not the first step of the run) and before untilLine', async () => {
    const session = await open(example('return-string'), { sequence: STORY + STORY });
    const events: number[] = [];
    session.on('step', (r) => events.push(r.index));
    expect((await session.run({ breakpoints: [1, 4] })).map((r) => r.line)).toEqual([1, 2, 3]);
    expect(session.state).toBe('paused');
    expect((await session.run({ untilLine: 9 })).map((r) => r.line)).toEqual([4, 5, 6, 7, 8]);
    expect((await session.run({ untilLine: 9 })).map((r) => r.line)).toEqual([]);
    expect((await session.run()).map((r) => r.line)).toEqual([9, 10, 11, 12]);
    expect(session.state).toBe('done');
    expect(events).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('leaves the same records, regions, bindings and memory as stepping one at a time', async () => {
    const ran = await open(example('return-string'), { sequence: STORY + STORY, config: { deterministic: true } });
    const stepped = await open(example('return-string'), { sequence: STORY + STORY, config: { deterministic: true } });
    await ran.run();
    while (await stepped.step()) { /* one request per step */ }
    expect(ran.steps.map(content)).toEqual(stepped.steps.map(content));
    expect(ran.steps[0]!.changes.length).toBeGreaterThan(0);
    expect(ran.regions).toEqual(stepped.regions);
    expect(ran.bindings).toEqual(stepped.bindings);
    for (let i = 0; i < ran.steps.length; i++) expect(ran.pageMap(i)).toEqual(stepped.pageMap(i));
    const a = await ran.readMemory(0, ran.memorySize);
    const b = await stepped.readMemory(0, stepped.memorySize);
    expect(a.ok && b.ok && Buffer.compare(a.value.bytes, b.value.bytes)).toBe(0);
  });

  it('a run whose steps fill the step ring many times over delivers every record, in order, as stepping does', async () => {
    // 400 stories of 3 calls, each call's delta two or three 4 KiB blocks: over 10 MiB through
    // a 2 MiB ring, so the worker wraps around and waits for the controller to make room.
    const sequence = STORY.repeat(400);
    const ran = await open(example('return-string'), { sequence, config: { deterministic: true } });
    const stepped = await open(example('return-string'), { sequence, config: { deterministic: true } });
    const records = await ran.run();
    expect(records.map((r) => r.index)).toEqual(Array.from({ length: 2400 }, (_, i) => i));
    expect(records.every((r) => r.ok)).toBe(true);
    while (await stepped.step()) { /* one request per step */ }
    expect(ran.steps.map(content)).toEqual(stepped.steps.map(content));
    const a = await ran.readMemory(0, ran.memorySize);
    const b = await stepped.readMemory(0, stepped.memorySize);
    expect(a.ok && b.ok && Buffer.compare(a.value.bytes, b.value.bytes)).toBe(0);
    for (const step of [0, 1, 1200, 2399]) expect(ran.pageMap(step)).toEqual(stepped.pageMap(step));
  });

  it('stops after a failed step', async () => {
    const session = await open(example('return-string'), { sequence: `${STORY}expect text == "no"\nfree(0)\n` });
    const records = await session.run();
    expect(records.map((r) => r.ok)).toEqual([true, true, true, true, true, true, false]);
    expect(records.at(-1)!.error?.code).toBe('expect-failed');
    expect(session.state).toBe('failed');
  });

  it('a stuck call in a run: earlier records kept, the timeout on that step, near the limit', async () => {
    const sequence = 'banner = read utf8 @ 0 [40]\nfill(1024, 256, 0xab)\nlast = read u8 @ 1024 + 255\nspin()\nexpect 1 == 1\n';
    // 1 s: the steps before spin() run microseconds of guest code each, far below it even on a starved machine.
    const session = await open(example('infinite-loop'), { sequence, config: { timeoutMs: 1000 } });
    const records = await session.run();
    expect(records.map((r) => [r.line, r.ok])).toEqual([[1, true], [2, true], [3, true], [4, false]]);
    const stuck = records.at(-1)!;
    expect(stuck.error?.code).toBe('timeout');
    expect(stuck.durationMs).toBeGreaterThanOrEqual(950);
    // Generous: the timer fires at the limit, but a loaded 2-core machine may deliver it late.
    expect(stuck.durationMs).toBeLessThan(1000 + 30_000);
    expect(session.terminated?.step).toBe(3);
    const last = await session.readMemory(1024 + 255, 1);
    expect(last.ok && last.value.bytes[0]).toBe(0xab);
  });

  it('a step that never ends right after fast steps times out itself, with the fast steps kept', async () => {
    // The three fast steps share the first 1000 ms (with the request's round trip, which a
    // loaded machine can stretch); spin() never returns. (This was a 16 MB bytes read, which
    // took seconds until hex text was built in one native pass.)
    const sequence = 'banner = read utf8 @ 0 [40]\nn = 1\nfill(1024, 256, 0xab)\nspin()\nexpect 1 == 1\n';
    const session = await open(example('infinite-loop'), { sequence, config: { timeoutMs: 1000 } });
    const records = await session.run();
    expect(records.map((r) => [r.line, r.ok, r.error?.code])).toEqual([[1, true, undefined], [2, true, undefined], [3, true, undefined], [4, false, 'timeout']]);
    expect(session.terminated?.step).toBe(3);
  });
});
