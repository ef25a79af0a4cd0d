// The reverseContinue request: back to the last earlier write a `watch … stop` saw change its
// bytes (the view says which step the run is paused in), else to the previous breakpoint or the
// start; the session's own rule (Session.reverseContinue), over a real c-struct session.
import { describe, expect, it } from 'vitest';
import { backendsDisposedAfterEach, openCStruct, stateAfter, value } from './testing.ts';

const newBackend = backendsDisposedAfterEach();

describe('reverseContinue', () => {
  it('goes back to each write a stopping watch saw, paused in its step, then to a breakpoint', async () => {
    const h = newBackend({});
    await openCStruct(h, 'p = malloc(32)\nwatch y @ p + 4 [4] stop\npoint_init(p, 3, 4, 7)\nwrite i32 -7 @ p + 4\nd = point_manhattan(p)\n');
    // Forward: point_init's write stops, then the host's, then the run ends.
    value(await h.backend.run({}));
    expect(value(await h.backend.getSession({}))?.pausedInStep).toBe(2);
    value(await h.backend.run({}));
    expect(value(await h.backend.getSession({}))?.pausedInStep).toBe(3);
    const end = await stateAfter(h, h.backend.run({}));
    expect(end).toMatchObject({ state: 'done', nextStep: 5 });
    expect(end.pausedInStep).toBeUndefined();

    const host = await stateAfter(h, h.backend.reverseContinue({}));
    expect(host).toMatchObject({ state: 'paused', nextStep: 4, pausedInStep: 3 });
    expect(host.steps.at(-1)?.error?.message).toMatch(/by host: 04 00 00 00 → f9 ff ff ff/);
    const guest = await stateAfter(h, h.backend.reverseContinue({}));
    expect(guest).toMatchObject({ nextStep: 3, pausedInStep: 2 });
    expect(guest.steps.at(-1)?.error?.message).toMatch(/by point_init\+0x20: 00 00 00 00 → 04 00 00 00/);
    // With a breakpoint on the watch's line (line 2, step 1) and no earlier write after it: back to there, not to the start.
    value(await h.backend.setBreakpoints({ lines: [2] }));
    const bp = await stateAfter(h, h.backend.reverseContinue({}));
    expect(bp).toMatchObject({ nextStep: 1, state: 'paused' });
    expect(bp.pausedInStep).toBeUndefined();
  });
});
