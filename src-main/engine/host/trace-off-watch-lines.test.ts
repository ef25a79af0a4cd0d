// Session.setTraceWrites(false) while the sequence has `watch` lines: they need write tracing,
// which the session keeps on for them whatever the setting, so turning it off is refused with
// the lines that need it. It once answered ok and changed nothing (tracing stayed on).

import { describe, expect, it } from 'vitest';
import { example, openSessionsDisposedAfterEach } from './test-helpers.ts';

const open = openSessionsDisposedAfterEach();
const WATCHED = 'p = malloc(32)\nwatch x @ p [4]\npoint_init(p, 3, 4, 7)\nwatch y @ p + 4 [4] stop\nfree(p)\n';

describe('write tracing off with watch lines in the sequence', () => {
  it('is refused, naming the watch lines, and tracing stays on', async () => {
    const session = await open(example('c-struct'), { sequence: WATCHED, config: { traceWrites: true } });
    expect(session.traceWrites).toBe(true);
    expect((await session.step())?.ok).toBe(true);

    const off = await session.setTraceWrites(false);
    expect(off).toEqual({
      ok: false,
      error: {
        code: 'usage',
        message: "the sequence's watches on lines 2 and 4 need write tracing, so it stays on: remove them to turn it off",
        where: { file: 'test.wseq', line: 2, column: 1, source: 'watch x @ p [4]', length: 15 },
      },
    });
    expect(session.traceWrites).toBe(true);
    expect(session.nextStep).toBe(1);
    // The setting was not taken either: without the watches, tracing is still on as opened.
    expect(await session.setSequence('p = malloc(32)\n', 'test.wseq')).toEqual({ ok: true, value: null });
    expect(session.traceWrites).toBe(true);
  });

  it('names the one line when there is one, and turning it on is still fine', async () => {
    const session = await open(example('c-struct'), { sequence: 'p = malloc(32)\nwatch x @ p [4]\n' });
    const off = await session.setTraceWrites(false);
    expect(!off.ok && off.error.message).toBe("the sequence's watch on line 2 needs write tracing, so it stays on: remove it to turn it off");
    expect(await session.setTraceWrites(true)).toEqual({ ok: true, value: null });
  });

  it('is a plain off without watch lines', async () => {
    const session = await open(example('c-struct'), { sequence: 'p = malloc(32)\n', config: { traceWrites: true } });
    expect(await session.setTraceWrites(false)).toEqual({ ok: true, value: null });
    expect(session.traceWrites).toBe(false);
  });
});
