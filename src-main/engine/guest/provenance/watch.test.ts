// Watchpoints: every write to a watched range is recorded (writer, old and new bytes); `stop`
// ends the guest call right after the first one, with the guest stack named.

import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { example, EXAMPLES, openSessionsDisposedAfterEach } from '../../host/test-helpers.ts';
import { MAX_HITS_PER_STEP } from './watches.ts';
import type { BoundValue } from '../../../shared/dto.ts';

const open = openSessionsDisposedAfterEach();

function int(value: BoundValue | undefined): number {
  if (value?.kind !== 'int') throw new Error(`not an int: ${JSON.stringify(value)}`);
  return Number(value.value);
}

describe('watch NAME @ ADDR [LEN] [stop]', () => {
  it('records each write to a struct field: the guest function, then the host', async () => {
    // No `trace writes` line: a watch turns tracing on by itself.
    const session = await open(example('c-struct'), { sequence: 'p = malloc(32)\nwatch y @ p + 4\npoint_init(p, 3, 4, 7)\nwrite i32 -7 @ p + 4\n' });
    const records = await session.run();
    expect(records.map((r) => r.ok)).toEqual([true, true, true, true]);
    const p = int(session.bindings.p);
    expect(records[2]!.watchHits).toEqual([{ name: 'y', address: p + 4, size: 4, old: '00 00 00 00', value: '04 00 00 00', function: 'point_init', offset: 0x20 }]);
    expect(records[3]!.watchHits).toEqual([{ name: 'y', address: p + 4, size: 4, old: '04 00 00 00', value: 'f9 ff ff ff', function: 'host', offset: 0 }]);
    expect(records[0]!.watchHits).toBeUndefined();
  });

  it('stop ends the call right after the write to the field and names the function', async () => {
    const session = await open(example('c-struct'), { sequence: 'p = malloc(32)\nwatch y @ p + 4 [4] stop\npoint_init(p, 3, 4, 7)\nexpect 1 == 1\n' });
    const records = await session.run();
    const stopped = records[2]!;
    expect(stopped.ok).toBe(false);
    expect(stopped.error?.code).toBe('watchpoint');
    expect(stopped.error?.message).toContain("watch 'y' was written by point_init+0x20");
    expect(stopped.error?.stack?.map((f) => f.name)).toEqual(['point_init']);
    // 0xb2 is point_init's body in the file (wasm-objdump), + 0x20: the i32.store of y.
    expect(stopped.error?.stack?.[0]?.offset).toBe(0xb2 + 0x20);
    // A pause inside the step, not a failure to reset after: stepping goes on past it.
    expect(session.state).toBe('paused');
    // Memory as right after that write: x and y are in, weight (written next) is not.
    const p = int(session.bindings.p);
    const mem = await session.readMemory(p, 16);
    expect(mem.ok && Array.from(mem.value.bytes)).toEqual([3, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(stopped.watchHits?.[0]?.value).toBe('04 00 00 00');
  });

  it('a stop hit by the sequence\'s own write step is a watchpoint too, not an internal error', async () => {
    const session = await open(example('c-struct'), { sequence: 'p = malloc(32)\nwatch y @ p + 4 [4] stop\nwrite i32 -7 @ p + 4\n' });
    const records = await session.run();
    expect(records[2]!.error).toMatchObject({ code: 'watchpoint', message: expect.stringMatching(/^watch 'y' was written by host: 00 00 00 00 → f9 ff ff ff/) });
  });

  it('watches memory the guest has not grown yet, and names the growth', async () => {
    const session = await open(example('big-memory'), { sequence: 'watch far @ 0x2000000 [16] stop\nold = grow_to(1024)\nwrite_marker(0x2000000)\n' });
    const records = await session.run();
    expect(records[1]!.grew).toMatchObject({ fromPages: 256, toPages: 1024, by: expect.stringMatching(/^grow_to\+0x/) });
    expect(records[2]!.error?.code).toBe('watchpoint');
    expect(records[2]!.watchHits).toEqual([{
      name: 'far', address: 0x2000000, size: 16, old: Array(16).fill('00').join(' '),
      value: Array.from(new TextEncoder().encode('MEMSCOPE FAR END'), (b) => b.toString(16)).join(' '), function: 'write_marker', offset: expect.any(Number),
    }]);
  });

  // deepest(20) fills a 64-byte buffer in each of its 21 frames a byte at a time, from the top
  // of the stack (0x10600) down: 1,344 one-byte writes to the watched range.
  const STACK = join(EXAMPLES, 'heap-stack/stack.wasm');

  it('keeps the first 1,000 hits of a step and counts the rest', async () => {
    const session = await open(STACK, { sequence: 'watch stack @ 0x10000 [0x600]\nd = deepest(20)\n' });
    const [, step] = await session.run();
    expect(step!.ok).toBe(true);
    expect(step!.watchHits).toHaveLength(MAX_HITS_PER_STEP);
    expect(step!.watchHitsDropped).toBe(21 * 64 - MAX_HITS_PER_STEP);
    expect(step!.watchHits![0]).toMatchObject({ address: 0x10600 - 64, value: 'b4', old: '00', function: 'deepest' });
  });

  it('a stop past the limit keeps its hits, the stop last, and still stops', async () => {
    // 0x100ff: the last byte the innermost frame (level 0, filled with 0xa0) writes.
    const session = await open(STACK, { sequence: 'watch stack @ 0x10000 [0x600]\nwatch last @ 0x100ff [1] stop\nd = deepest(20)\n' });
    const step = (await session.run())[2]!;
    expect(step.error).toMatchObject({ code: 'watchpoint', message: "watch 'last' was written by deepest+0x76: 00 → a0 at 0x100ff; the same write hit watch 'stack'" });
    expect(step.watchHits).toHaveLength(MAX_HITS_PER_STEP + 2);
    expect(step.watchHits!.slice(-2)).toMatchObject([{ name: 'stack', address: 0x100ff, value: 'a0' }, { name: 'last', address: 0x100ff, value: 'a0', sameWrite: true }]);
    expect(step.watchHitsDropped).toBe(21 * 64 - 1 - MAX_HITS_PER_STEP);
  });

  it("past the limit a stopping watch's hits are kept: going on counts its stops, and going back finds the one before", async () => {
    // `low` covers the innermost frame's buffer, written after 1,280 writes to `stack`.
    const session = await open(STACK, { sequence: 'watch stack @ 0x10000 [0x600]\nwatch low @ 0x100c0 [64] stop\nd = deepest(20)\n', config: { deterministic: true } });
    const at = (): string | undefined => /at (0x[0-9a-f]+)/.exec(session.lastRecord?.error?.message ?? '')?.[1];
    await session.run();
    expect(at()).toBe('0x100c0');
    for (const next of ['0x100c1', '0x100c2']) {
      expect((await session.resumeAfterWatch()).ok).toBe(true);
      await session.step();
      expect(at()).toBe(next);
    }
    // The run again passed two stops: their hits of `low` are in the record, `stack`'s are counted.
    expect(session.lastRecord?.watchHits?.filter((h) => h.name === 'low').map((h) => h.address)).toEqual([0x100c0, 0x100c1, 0x100c2]);
    expect(session.lastRecord?.watchHitsDropped).toBe(1280 + 2 - MAX_HITS_PER_STEP);
    expect(await session.reverseContinue(0)).toEqual({ ok: true, value: { watch: true, step: 2 } });
    expect(at()).toBe('0x100c1');
  });

  it('a bad watch is an error at its line: unknown name, zero length', async () => {
    const session = await open(example('c-struct'), { sequence: 'p = malloc(32)\nwatch z @ p [0]\n' });
    const records = await session.run();
    expect(records[1]!.error?.code).toBe('eval-error');
    expect(records[1]!.error?.message).toContain('at least 1 byte');
    const bad = await open(example('c-struct'), { sequence: 'watch z @ q\n' });
    expect(bad.sequenceErrors[0]?.message).toContain("unknown name 'q'");
    const unnamed = await open(example('c-struct'), { sequence: 'watch @ 16\n' });
    expect(unnamed.sequenceErrors[0]).toMatchObject({ code: 'parse-error', where: { line: 1, column: 7 } });
    expect(unnamed.sequenceErrors[0]?.message).toContain('a name for the watch');
  });
});
