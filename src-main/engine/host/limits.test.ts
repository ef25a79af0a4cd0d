// Traps with named stacks, the per-step time limit (worker terminated, memory still readable),
// stop during a run, and a worker that cannot start: all as values, never exceptions.

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { example, openSessionsDisposedAfterEach } from './test-helpers.ts';

const BARE_TRAP = resolve(import.meta.dirname, '../../testdata/bare-trap.wasm');

const open = openSessionsDisposedAfterEach();

describe('traps and time limits', () => {
  it('reports a trap with the guest stack named from the name section', async () => {
    const session = await open(example('trap'), { sequence: 'report(0, 0)\n' });
    const [record] = await session.run();
    expect(record?.ok).toBe(false);
    expect(record?.error?.code).toBe('trap');
    expect(record?.error?.message).toMatch(/divide by zero/);
    expect(record?.error?.stack?.map((f) => f.name)).toEqual(['divide', 'mean', 'average', 'report']);
    expect(record?.calls[0]?.error?.code).toBe('trap');
    expect(session.state).toBe('failed');
  });

  it('names a stack overflow and an unreachable', async () => {
    const session = await open(example('trap'));
    const overflow = await session.call('recurse', ['0']);
    expect(overflow.ok && overflow.value.error?.message).toMatch(/stack overflow/);
    expect(overflow.ok && overflow.value.error?.stack?.[0]?.name).toBe('recurse');
    // Deeper than V8 records: the frames are the innermost ones, and the error says so.
    expect(overflow.ok && overflow.value.error?.stackCut).toBe(64);
    const unreachable = await session.call('give_up', []);
    expect(unreachable.ok && unreachable.value.error?.stack?.map((f) => f.name)).toEqual(['check_invariant', 'give_up']);
    expect(unreachable.ok && unreachable.value.error?.stackCut).toBeUndefined();
  });

  it('with no name section, names a frame by the export of its function (func[N] for one not exported)', async () => {
    const session = await open(BARE_TRAP);
    const trapped = await session.call('explode', ['3']);
    expect(trapped.ok && trapped.value.error?.message).toBe('trap: unreachable in func[0]');
    expect(trapped.ok && trapped.value.error?.stack?.map((f) => f.name)).toEqual(['func[0]', 'explode']);
  });

  it('stops an infinite loop near its limit and keeps memory readable', async () => {
    // The fill before spin() is microseconds of guest code: far below 1 s even on a starved machine.
    const limit = 1000;
    const session = await open(example('infinite-loop'), { sequence: `timeout ${limit}\nfill(1024, 256, 0xab)\nspin()\n` });
    const terminated: string[] = [];
    session.on('terminated', (info) => terminated.push(info.reason));
    const started = performance.now();
    const records = await session.run();
    const elapsed = performance.now() - started;
    expect(records.map((r) => r.ok)).toEqual([true, false]);
    expect(records[1]!.error?.code).toBe('timeout');
    expect(records[1]!.error?.message).toContain(`${limit} ms`);
    expect(elapsed).toBeGreaterThanOrEqual(limit);
    expect(elapsed).toBeLessThan(limit + 30_000); // generous: a loaded machine fires timers late
    expect(session.state).toBe('terminated');
    expect(session.terminated).toMatchObject({ reason: 'timeout', step: 1 });
    expect(terminated).toEqual(['timeout']);
    const read = await session.readMemory(1024, 256);
    expect(read.ok && read.value.bytes.every((b) => b === 0xab)).toBe(true);
    const banner = await session.readMemory(0, 13);
    expect(banner.ok && new TextDecoder().decode(banner.value.bytes)).toBe('infinite-loop');
    expect(await session.step()).toBeNull();
    const call = await session.call('fill', ['0', '1', '0']);
    expect(call.ok ? 'ok' : call.error.code).toBe('terminated');
  });

  it('stop() during a run terminates the worker with reason stopped; reset recovers', async () => {
    const session = await open(example('infinite-loop'), { sequence: 'spin()\n' });
    const running = session.run();
    await new Promise((r) => setTimeout(r, 150));
    const started = performance.now();
    await session.stop();
    const records = await running;
    // Stop, not the 5 s default limit, ended it (the reason says so); the bound is generous.
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(records[0]?.error?.code).toBe('stopped');
    expect(session.terminated?.reason).toBe('stopped');
    const reset = await session.reset();
    expect(reset.ok).toBe(true);
    expect(session.state).toBe('ready');
    expect(session.terminated).toBeUndefined();
  });

  it('reset() during a run starts a fresh instance; the old run does not leak into it', async () => {
    const session = await open(example('infinite-loop'), { sequence: 'fill(0, 4, 1)\nspin()\n' });
    const running = session.run();
    await new Promise((r) => setTimeout(r, 150));
    const reset = await session.reset();
    expect(reset.ok).toBe(true);
    await running;
    expect(session.steps).toHaveLength(0);
    expect(session.state).toBe('ready');
    const first = await session.step();
    expect(first?.ok).toBe(true);
    expect(session.steps).toHaveLength(1);
  });
});
