// A replay (stepBack) repeats the ad-hoc calls and memory writes made between steps where they
// happened (SessionReplay hands them to SessionCalls): without the ad-hoc malloc the replayed
// allocations would land elsewhere and the replay check would call it diverged, and without the
// write the bytes would be gone. Afterwards the session is idle: calls and steps go on.

import { describe, expect, it } from 'vitest';
import type { Session } from './session.ts';
import { example, openSessionsDisposedAfterEach } from './test-helpers.ts';

const open = openSessionsDisposedAfterEach();

function address(session: Session, name: string): number {
  const value = session.evaluate(name);
  if (!value.ok) throw new Error(value.error.message);
  return Number(value.value);
}

async function text(session: Session, at: number): Promise<string> {
  const read = await session.readMemory(at, 4);
  if (!read.ok) throw new Error(read.error.message);
  return new TextDecoder().decode(read.value.bytes);
}

describe('stepping back over interludes', () => {
  it('repeats the ad-hoc call and write between steps in place, then the session is idle', async () => {
    const session = await open(example('return-string'), { sequence: 'a = malloc(16)\nb = malloc(16)\nc = malloc(16)\n' });
    expect((await session.step())?.ok).toBe(true);
    const a = address(session, 'a');
    expect(await session.writeMemory(a, new TextEncoder().encode('XYZW'))).toMatchObject({ ok: true });
    const extra = await session.call('malloc', ['32']);
    expect(extra.ok && extra.value.error).toBeFalsy();
    expect((await session.step())?.ok).toBe(true);
    expect((await session.step())?.ok).toBe(true);
    const [b, c] = [address(session, 'b'), address(session, 'c')];

    expect(await session.stepBack(2)).toEqual({ ok: true, value: null });
    expect([session.nextStep, session.state, address(session, 'b')]).toEqual([2, 'paused', b]);
    expect(await text(session, a)).toBe('XYZW');
    // Not left busy by the replay: an ad-hoc call and the next step run.
    expect((await session.call('free', [String(a)])).ok).toBe(true);
    expect((await session.step())?.ok).toBe(true);
    // The free ran: the allocator hands a's block to the next malloc of its size.
    expect(address(session, 'c')).toBe(a);
    expect(c).not.toBe(a);
  });
});
