// Go to while an earlier step is shown asks for an expression as of that step: a name a later
// step rebound keeps its value then, and a name only a later step binds is not bound yet (it
// resolved with the names now and jumped where the name pointed only later).

import { describe, expect, it } from 'vitest';
import { example, openSessionsDisposedAfterEach } from './test-helpers.ts';

const open = openSessionsDisposedAfterEach();

describe('evaluate as of a step', () => {
  it('uses the names bound by then, and says which later step binds one not bound yet', async () => {
    // Steps 1..4 (indices 0..3): p, x, p again (a different block), q.
    const session = await open(example('return-string'), { sequence: 'p = malloc(16)\nx = malloc(8)\np = malloc(32)\nq = malloc(8)\n' });
    const records = await session.run();
    expect(records.map((r) => r.error)).toEqual([undefined, undefined, undefined, undefined]);
    const first = records[0]!.bound.p as { value: string };
    const second = records[2]!.bound.p as { value: string };
    expect(first.value).not.toBe(second.value);

    expect(session.evaluate('p + 4', 1)).toEqual({ ok: true, value: String(Number(first.value) + 4) });
    expect(session.evaluate('p + 4', 2)).toEqual({ ok: true, value: String(Number(second.value) + 4) });
    expect(session.evaluate('p + 4')).toEqual({ ok: true, value: String(Number(second.value) + 4) });

    const early = session.evaluate('x + q', 1);
    expect(early.ok ? early.value : early.error).toMatchObject({
      code: 'eval-error',
      message: "unknown name 'q' (not bound yet after step 2: step 4 binds it)",
      where: { column: 5 },
    });
    const before = session.evaluate('p', -1);
    expect(before.ok ? before.value : before.error.message).toBe("unknown name 'p' (not bound yet before the first step: step 1 binds it)");
    const never = session.evaluate('nosuch', 1);
    expect(never.ok ? never.value : never.error.message).toBe("unknown name 'nosuch'");
    const later = session.evaluate('p', 9);
    expect(later.ok ? later.value : later.error.message).toBe('no memory recorded after step 10: steps 1..4 ran');
  });
});
