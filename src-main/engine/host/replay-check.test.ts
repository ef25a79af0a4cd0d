// endedByReplay: a replayed step that Stop, its time limit or a crash ended is reported as that,
// never as the guest doing something else (which would blame its clock or random bytes).

import { describe, expect, it } from 'vitest';
import type { ErrorCode, StepRecord } from '../../shared/dto.ts';
import { endedByReplay } from './replay-check.ts';

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
