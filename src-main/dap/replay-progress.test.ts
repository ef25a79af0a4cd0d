// A step back on a long sequence replays every step before it in a fresh worker: VS Code showed
// nothing for seconds. A client that said supportsProgressReporting gets progressStart, a
// bounded number of growing progressUpdates and one progressEnd before the step back's answer
// and its stop; one that did not gets none. The progress is cancellable (so is a pause): the
// replay ends between two steps and the program stops there. Counts and order only, never timing.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { launchedAdapters, type DapClient } from './testing/dap-client.ts';
import { sequenceFile } from './testing/programs.ts';
import { PACKAGE_ROOT } from '../paths.ts';

const launched = launchedAdapters();
const REPEATS = 500;
/** Four steps a repeat; the breakpoint is on the last, so step back replays all steps before the one before it. */
const STEPS = 4 * REPEATS;

/** A sequence of return-string's calls repeated: long enough that a step back replays thousands of steps. */
function longSequence(): { program: string; lastLine: number } {
  const repeat = ['ret = malloc(8)', 'ReturnString(ret)', 's = read {ptr: u32, len: u32} @ ret', 'free(s.ptr)'];
  const lines = [`module "${join(PACKAGE_ROOT, 'resources/examples/return-string/return-string.wasm')}"`, ...Array.from({ length: REPEATS }, () => repeat).flat()];
  return { program: sequenceFile('long.wseq', lines), lastLine: lines.length };
}

/** Launched and stopped at the breakpoint on the last step, STEPS - 1 steps run. */
async function atLastStep(initialize: Record<string, unknown>): Promise<DapClient> {
  const { program, lastLine } = longSequence();
  const client = await launched({ program }, initialize);
  await client.request('setBreakpoints', { source: { path: program }, breakpoints: [{ line: lastLine }] });
  await client.request('configurationDone');
  expect((await client.waitEvent<DebugProtocol.StoppedEvent>('stopped', 600_000)).body.reason).toBe('breakpoint');
  return client;
}

const progressEvents = (events: DebugProtocol.Event[]) => events.filter((e) => e.event.startsWith('progress'));

describe('memscope dap replay progress', () => {
  it('a step back shows progressStart, growing updates (at most one a percent) and one progressEnd before its answer and stop', async () => {
    const client = await atLastStep({ supportsProgressReporting: true });
    const from = client.events.length;
    const response = await client.request('stepBack', { threadId: 1 }, 600_000);
    const answeredAt = client.events.length;
    expect(response.success).toBe(true);
    await client.waitEvent('stopped');
    const events = client.events.slice(from);
    const progress = progressEvents(events);
    const starts = progress.filter((e) => e.event === 'progressStart') as DebugProtocol.ProgressStartEvent[];
    const updates = progress.filter((e) => e.event === 'progressUpdate') as DebugProtocol.ProgressUpdateEvent[];
    const ends = progress.filter((e) => e.event === 'progressEnd') as DebugProtocol.ProgressEndEvent[];
    // The replay runs the STEPS - 2 steps before the one stepped back to.
    const replayed = STEPS - 2;
    expect(starts.map((s) => [s.body.title, s.body.message, s.body.percentage, s.body.cancellable])).toEqual([['Step back: replaying steps', `0 / ${replayed} steps`, 0, true]]);
    expect(ends.map((e) => e.body.progressId)).toEqual([starts[0]!.body.progressId]);
    expect(progress[0]).toBe(starts[0]);
    expect(progress.at(-1)).toBe(ends[0]);
    // Bounded by count: at most one per whole percent, however many steps replay.
    expect(updates.length).toBeGreaterThan(1);
    expect(updates.length).toBeLessThanOrEqual(100);
    const percents = updates.map((u) => u.body.percentage!);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(new Set(percents).size).toBe(percents.length);
    expect(updates.every((u) => u.body.progressId === starts[0]!.body.progressId && /^\d+ \/ \d+ steps$/.test(u.body.message ?? ''))).toBe(true);
    expect([updates.at(-1)!.body.message, updates.at(-1)!.body.percentage]).toEqual([`${replayed} / ${replayed} steps`, 100]);
    // Closed before the answer came, and before the stop.
    expect(events.indexOf(ends[0]!)).toBeLessThan(answeredAt - from);
    expect(events.indexOf(ends[0]!)).toBeLessThan(events.findIndex((e) => e.event === 'stopped'));
    await client.request('disconnect', { terminateDebuggee: true });
  });

  for (const how of ['cancel', 'pause'] as const) {
    it(`${how} during a step back's replay stops the program where the replay got to, and stepping goes on from there`, async () => {
      const client = await atLastStep({ supportsProgressReporting: true });
      const back = client.request('stepBack', { threadId: 1 }, 600_000);
      const start = await client.waitEvent<DebugProtocol.ProgressStartEvent>('progressStart', 600_000);
      const asked = how === 'cancel' ? await client.request('cancel', { progressId: start.body.progressId }) : await client.request('pause', { threadId: 1 });
      expect(asked.success).toBe(true);
      const answer = await back;
      expect([answer.success, answer.message]).toEqual([false, 'cancelled']);
      const stopped = await client.waitEvent<DebugProtocol.StoppedEvent>('stopped', 600_000);
      expect(stopped.body.reason).toBe('pause');
      const at = /^stepping back was stopped by the user after replaying (\d+) of \d+ steps/.exec(stopped.body.description ?? '');
      expect(at, stopped.body.description).not.toBeNull();
      // Stopped before step at+1: line at+2 of the sequence (its module line is line 1).
      const k = Number(at![1]);
      expect(k).toBeLessThan(STEPS - 2);
      const frames = await client.request<DebugProtocol.StackTraceResponse>('stackTrace', { threadId: 1 });
      expect(frames.body.stackFrames[0]!.line).toBe(k + 2);
      expect(client.events.filter((e) => e.event === 'progressEnd').length).toBe(1);
      // Its worker is kept: next runs that step.
      expect((await client.request('next', { threadId: 1 })).success).toBe(true);
      expect((await client.waitEvent<DebugProtocol.StoppedEvent>('stopped', 600_000)).body.reason).toBe('step');
      const after = await client.request<DebugProtocol.StackTraceResponse>('stackTrace', { threadId: 1 });
      expect(after.body.stackFrames[0]!.line).toBe(k + 3);
      await client.request('disconnect', { terminateDebuggee: true });
    });
  }

  it('a cancel that names no replay\'s progress is refused, saying what can be cancelled', async () => {
    const client = await atLastStep({ supportsProgressReporting: true });
    const byRequest = await client.request('cancel', { requestId: 3 });
    expect([byRequest.success, byRequest.message]).toEqual([false, 'cancel: only a replay\'s progress can be cancelled (a request runs to its end)']);
    const unknown = await client.request('cancel', { progressId: 'replay-9' });
    expect([unknown.success, unknown.message]).toEqual([false, 'cancel: no replay that can be cancelled has progress \'replay-9\'']);
    await client.request('disconnect', { terminateDebuggee: true });
  });

  it('sends no progress event to a client that did not say it shows them', async () => {
    const client = await atLastStep({});
    const from = client.events.length;
    expect((await client.request('stepBack', { threadId: 1 }, 600_000)).success).toBe(true);
    await client.waitEvent('stopped');
    expect(progressEvents(client.events.slice(from))).toEqual([]);
    await client.request('disconnect', { terminateDebuggee: true });
  });

  it('terminate during a step back closes its progress before exited and terminated', async () => {
    const client = await atLastStep({ supportsProgressReporting: true });
    const from = client.events.length;
    // Sent together: the step back's replay starts, then terminate ends its worker (or, on a
    // fast machine, comes after it: either way every progress opened is closed, once, first).
    const back = client.request('stepBack', { threadId: 1 }, 600_000);
    const ended = client.request('terminate', {}, 600_000);
    await Promise.all([back, ended]);
    await client.waitEvent('terminated');
    const events = client.events.slice(from);
    const progress = progressEvents(events);
    expect(progress.filter((e) => e.event === 'progressStart').length).toBe(1);
    expect(progress.filter((e) => e.event === 'progressEnd').length).toBe(1);
    expect(progress.at(-1)!.event).toBe('progressEnd');
    expect(events.indexOf(progress.at(-1)!)).toBeLessThan(events.findIndex((e) => e.event === 'exited'));
    await client.request('disconnect', { terminateDebuggee: true });
  });

  it('disconnect during a step back closes its progress before the disconnect is answered', async () => {
    const client = await atLastStep({ supportsProgressReporting: true });
    const from = client.events.length;
    // Sent together, as the terminate above: the replay has started when disconnect comes.
    const back = client.request('stepBack', { threadId: 1 }, 600_000).catch(() => null);
    expect((await client.request('disconnect', { terminateDebuggee: true }, 600_000)).success).toBe(true);
    const progress = progressEvents(client.events.slice(from));
    expect(progress.map((e) => e.event)).toEqual(['progressStart', ...progress.slice(1, -1).map(() => 'progressUpdate'), 'progressEnd']);
    await back;
  });
});
