// endedByReplay: a replayed step that Stop, its time limit or a crash ended is reported as that,
// never as the guest doing something else (which would blame its clock or random bytes).
// ReplayCheck: memory after each replayed step against the first run's, over real histories.

import { describe, expect, it } from 'vitest';
import type { ErrorCode, StepRecord } from '../../shared/dto.ts';
import { ChangeTracker } from '../memory/change-tracker.ts';
import { MemoryHistory } from '../memory/memory-history.ts';
import { endedByReplay, ReplayCheck } from './replay-check.ts';

const step = (code?: ErrorCode): StepRecord => ({
  index: 5, line: 19, ok: code === undefined, ...(code ? { error: { code, message: `${code} message` } } : {}),
} as StepRecord);

describe('endedByReplay', () => {
  it('names Stop, a time limit or a crash that ended a replayed step the first run finished', () => {
    for (const code of ['stopped', 'timeout', 'terminated'] as const) {
      expect(endedByReplay(step(), step(code))).toEqual({ code, message: `${code} message` });
      expect(endedByReplay(step('trap'), step(code))?.code).toBe(code);
    }
  });

  it('leaves the rest to the record and memory comparison', () => {
    expect(endedByReplay(step(), step())).toBeNull();
    expect(endedByReplay(step(), step('trap'))).toBeNull();
    expect(endedByReplay(step('expect-failed'), step('expect-failed'))).toBeNull();
    // The first run ended there the same way: the replay did the same.
    expect(endedByReplay(step('timeout'), step('timeout'))).toBeNull();
  });
});

/**
 * Two runs of the same steps: each edit gets the run's number (0 first run, 1 replay) and its
 * memory; `initial` edits memory before the first image is taken (as instantiation would).
 */
function twoRuns(edits: ((bytes: Uint8Array, run: number) => void)[], initial: (bytes: Uint8Array, run: number) => void = () => {}): [MemoryHistory, MemoryHistory] {
  return [0, 1].map((run) => {
    const mem = new WebAssembly.Memory({ initial: 2 });
    initial(new Uint8Array(mem.buffer), run);
    const tracker = new ChangeTracker();
    const history = new MemoryHistory(tracker.reset(new Uint8Array(mem.buffer)));
    edits.forEach((edit, k) => {
      edit(new Uint8Array(mem.buffer), run);
      history.commit(k, tracker.capture(new Uint8Array(mem.buffer)));
    });
    return history;
  }) as [MemoryHistory, MemoryHistory];
}

const record = (k: number) => ({ index: k, line: k + 2 }) as unknown as StepRecord;

/** Each step's verdict, checked in order as a replay does. */
function verdicts(was: MemoryHistory, now: MemoryHistory, steps: number, interludeBefore = -1): (string | null)[] {
  const check = new ReplayCheck(was, now);
  return Array.from({ length: steps }, (_, k) => {
    if (k === interludeBefore) check.interlude();
    return check.step(k, record(k), record(k));
  });
}

describe('ReplayCheck compares memory after each replayed step', () => {
  const writeAt = (address: number, value: (run: number) => number) => (bytes: Uint8Array, run: number) => { bytes[address] = value(run); };

  it('passes a replay that wrote the same bytes at every step', () => {
    const [was, now] = twoRuns([writeAt(10, () => 1), writeAt(70_000, () => 2), writeAt(10, () => 3)]);
    expect(verdicts(was, now, 3)).toEqual([null, null, null]);
  });

  it('names a later step that wrote a different value at the same place (its changes are compared)', () => {
    const [was, now] = twoRuns([writeAt(10, () => 1), writeAt(20, (run) => 7 + run), writeAt(30, () => 3)]);
    expect(verdicts(was, now, 3)).toEqual([null, 'memory after step 2 (line 3) differs from the first run', null]);
  });

  it('names a step that wrote somewhere else', () => {
    const [was, now] = twoRuns([writeAt(10, () => 1), (bytes, run) => { bytes[run === 0 ? 20 : 5000] = 9; }]);
    expect(verdicts(was, now, 2)[1]).toBe('memory after step 2 (line 3) differs from the first run');
  });

  it('compares whole memory at the first step and after an interlude, where comparing changes would miss a difference', () => {
    // The runs start from different memory and their steps change nothing.
    const [was, now] = twoRuns([() => {}, () => {}, () => {}], (bytes, run) => { bytes[100] = run; });
    const check = new ReplayCheck(was, now);
    expect(check.step(0, record(0), record(0))).toBe('memory after step 1 (line 2) differs from the first run');
    expect(check.step(1, record(1), record(1))).toBeNull(); // step 2 changed the same (nothing)
    check.interlude();
    expect(check.step(2, record(2), record(2))).toBe('memory after step 3 (line 4) differs from the first run');
  });

  it('names a record that differs before looking at memory', () => {
    const [was, now] = twoRuns([writeAt(10, () => 1)]);
    expect(new ReplayCheck(was, now).step(0, record(0), { ...record(0), changedBytes: 5 } as StepRecord)).toBe('step 1 (line 2) did not do the same again');
  });
});

describe('ReplayCheck with a step a history does not hold', () => {
  it('passes on records alone, as when the first run image is no longer kept, and compares the next step whole', () => {
    const [was, now] = twoRuns([() => {}]);
    const check = new ReplayCheck(was, now);
    expect(check.step(0, record(0), record(0))).toBeNull();
    // Step 2 ended its worker in both runs (a time limit): neither history holds memory after it.
    expect(check.step(1, record(1), record(1))).toBeNull();
  });
});
