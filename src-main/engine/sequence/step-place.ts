// Where a failure "at the step's own place" sits on its line: the one answer run, the debug
// adapter and the exported hosts (export-host's stepColumn) give.

import type { MemscopeError } from '../../shared/dto.ts';
import type { Span, Step } from './ast.ts';
import { locatedError } from './errors.ts';
import { joinSpans } from './parse-expr.ts';

/**
 * The part of a step's line its own failures are placed at: a call's at the call's name (its
 * trap, exit, uncaught exception, time limit), an expect's that does not hold at its comparison
 * (`a + 1 == b`, as a parse error is at its token, not at `expect`), any other step's at the step.
 * A part of the line that fails itself (an argument, an address) is placed at that part instead.
 */
export function stepPlace(step: Step): Span {
  switch (step.kind) {
    case 'call': return step.calleeSpan;
    case 'expect': return joinSpans(step.left.span, step.right.span);
    default: return step.span;
  }
}

/**
 * A failure the guest side gave, with no place of its own (a trap, an exit, a watch's stop, a
 * worker ended past its time limit), as `step`'s error, at its place (stepPlace; an allocator
 * call a write made: the step). A copy: a call's record keeps its error as the guest gave it.
 */
export function stepFailure(step: Step, file: string | undefined, error: MemscopeError): MemscopeError {
  if (error.where) return error;
  const { where } = locatedError(error.code, error.message, { file, source: step.source }, stepPlace(step));
  return { ...error, where };
}
