// The StepRecord of a step that ended without the worker's record (timeout, stop, crash).

import type { MemscopeError, StepRecord } from '../../shared/dto.ts';
import type { Step } from '../sequence/ast.ts';
import { stepFailure } from '../sequence/step-place.ts';

/**
 * `file`: the sequence's, where the error is placed at the part of the step's line that failed
 * (stepFailure); `captureMs`: the step's guest work had ended and Memscope was capturing its
 * changes (StepRecord.captureMs); `importsMade`: the import calls its guest code began before
 * its worker was ended (StepRecord.importsBeforeEnd), whose records ended with the worker.
 */
export function failedStep(step: Step, file: string | undefined, error: MemscopeError, durationMs: number, memorySize: number, captureMs?: number, importsMade = 0): StepRecord {
  const record: StepRecord = {
    index: step.index,
    line: step.line,
    source: step.text,
    ok: false,
    error: stepFailure(step, file, error),
    calls: [],
    bound: {},
    changes: [],
    changedBytes: 0,
    regionEvents: [],
    durationMs,
    memorySize,
  };
  if (captureMs !== undefined) record.captureMs = captureMs;
  if (importsMade > 0) record.importsBeforeEnd = importsMade;
  return record;
}
