// The string-return story through the engine API (real worker, real WASI), as calls and as a
// sequence, plus history reads, page maps, snapshots and out-of-range reads.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Session } from './session.ts';
import { EXAMPLES, example, openSession } from './test-helpers.ts';
import { formatValue } from '../../shared/value-format.ts';

let session: Session | null = null;
afterEach(async () => {
  await session?.dispose();
  session = null;
});

function u32(bytes: Uint8Array, at: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(at, true);
}

describe('string return through the engine API', () => {
  it('alloc → call → read the pair → read the bytes → free', async () => {
    session = await openSession(example('return-string'));
    expect(session.info.kind).toBe('reactor');
    expect(session.initCall?.export).toBe('_initialize');

    const alloc = await session.call('malloc', ['8']);
    expect(alloc.ok && alloc.value.error).toBe(undefined);
    const ret = Number(alloc.ok ? formatValue(alloc.value.results[0]!) : 0);
    expect(ret).toBeGreaterThan(0);

    const call = await session.call('ReturnString', [String(ret)]);
    expect(call.ok && call.value.error).toBe(undefined);

    const pair = await session.readMemory(ret, 8);
    if (!pair.ok) throw new Error(pair.error.message);
    const ptr = u32(pair.value.bytes, 0);
    const len = u32(pair.value.bytes, 4);
    expect(len).toBe(12);
    const bytes = await session.readMemory(ptr, len);
    if (!bytes.ok) throw new Error(bytes.error.message);
    expect(new TextDecoder().decode(bytes.value.bytes)).toBe('hello from C');

    for (const address of [ptr, ret]) {
      const freed = await session.call('free', [String(address)]);
      expect(freed.ok && freed.value.error).toBe(undefined);
    }
  });

  it('runs the demo sequence: records, bindings, exact changes and history', async () => {
    const dir = resolve(EXAMPLES, 'return-string');
    session = await openSession(example('return-string'), { sequence: readFileSync(resolve(dir, 'return-string.wseq'), 'utf8') });
    expect(session.sequenceErrors).toEqual([]);
    const states: string[] = [];
    session.on('state', (s) => states.push(s));
    const records = await session.run();
    expect(records.every((r) => r.ok)).toBe(true);
    expect(records).toHaveLength(session.stepLines.length);
    expect(session.state).toBe('done');
    expect(states).toEqual(['running', 'done']);
    expect(session.bindings.text).toMatchObject({ kind: 'text', value: 'hello from C' });

    const ret = Number((session.bindings.ret as { value: string }).value);
    const call = records[1]!;
    expect({ ...call.calls[0], args: call.calls[0]!.args.map(formatValue) }).toMatchObject({ export: 'ReturnString', args: [String(ret)], results: [] });
    // The guest wrote the 8-byte {ptr, len} pair at ret: those bytes are among the changes.
    const covered = call.changes.filter(([s, e]) => e > ret && s < ret + 8).reduce((n, [s, e]) => n + Math.min(e, ret + 8) - Math.max(s, ret), 0);
    expect(covered).toBeGreaterThan(0);
    const ptr = Number(((session.bindings.s as { fields: Record<string, { value: string }> }).fields.ptr!).value);
    expect(call.changes.some(([s, e]) => s <= ptr && e >= ptr + 12)).toBe(true);

    // History: before ReturnString (after step 0) the text was not there yet.
    const before = await session.readMemory(ptr, 12, 0);
    const after = await session.readMemory(ptr, 12, 1);
    expect(before.ok && new TextDecoder().decode(before.value.bytes)).not.toBe('hello from C');
    expect(after.ok && new TextDecoder().decode(after.value.bytes)).toBe('hello from C');
    const map = session.pageMap(1);
    expect(map.ok && map.value.includes(2)).toBe(true);

    const snap = await session.exportSnapshot({ format: 'sparse' });
    expect(snap.ok && snap.value.fileName).toMatch(/return-string\.step10\./);
    const bin = await session.exportSnapshot({ step: 1, format: 'bin' });
    expect(bin.ok && bin.value.bytes.length).toBe(session.memorySize);
    expect(session.evaluate('s.ptr + 4')).toEqual({ ok: true, value: String(ptr + 4) });
  });

  it('out-of-range reads are error values, never exceptions', async () => {
    session = await openSession(example('return-string'));
    const size = session.memorySize;
    const past = await session.readMemory(size - 4, 8);
    expect(past.ok ? 'ok' : past.error.code).toBe('out-of-bounds');
    const negative = await session.readMemory(-1, 4);
    expect(negative.ok ? 'ok' : negative.error.code).toBe('out-of-bounds');
    const noStep = await session.readMemory(0, 4, 7);
    expect(noStep.ok ? 'ok' : noStep.error.code).toBe('usage');
    await session.call('malloc', ['8']);
    const live = await session.readMemory(size, 1);
    expect(live.ok ? 'ok' : live.error.code).toBe('out-of-bounds');
  });

  it('reports sequence errors before anything runs, and reset starts over', async () => {
    session = await openSession(example('return-string'), { sequence: 'x = nope(1)\n' });
    expect(session.sequenceErrors[0]?.where?.line).toBe(1);
    expect(await session.step()).toBeNull();
    const set = await session.setSequence('ret = malloc(8)\nReturnString(ret)\n');
    expect(set.ok).toBe(true);
    expect((await session.step())?.ok).toBe(true);
    expect(session.state).toBe('paused');
    await session.reset();
    expect(session.steps).toHaveLength(0);
    expect(session.state).toBe('ready');
    expect((await session.run()).map((r) => r.ok)).toEqual([true, true]);
  });
});
