// Run's refusal of a call argument, known before anything runs when the argument has no bound
// names: export-host refuses what `memscope run` would (its own evaluation and conversion, not a
// copy of the rules), since a host written for it would not compile or would do something else;
// and validateSequence refuses it where the sequence meets the module, so that the steps before
// it do not run first. A numeric write of a constant value and an expect comparing constants
// the same way (constantStepFault).

import type { MemscopeError, ValType } from '../../shared/dto.ts';
import type { Expr, Step } from './ast.ts';
import { toWasmArg } from './convert.ts';
import { locatedError, SequenceFault } from './errors.ts';
import { compare, evaluate } from './expr.ts';
import { fitWritten } from './layout.ts';

/**
 * The error run raises for argument `e` of type `type` (`what`: `argument 1 of report`), at its
 * file:line:column; null when it passes, or has names and is known only when it runs.
 */
export function constantArgRefusal(e: Expr, type: ValType, what: string, at: { file?: string; source: string }): MemscopeError | null {
  const fault = constantArgFault(e, type, what);
  return fault && locatedError(fault.code, fault.message, at, fault.span ?? e.span);
}

/** constantArgRefusal's fault as run throws it (code, words, span), not yet located in a file. */
export function constantArgFault(e: Expr, type: ValType, what: string): SequenceFault | null {
  if (!isConstant(e)) return null;
  return faultOf(() => toWasmArg(evaluate(e, () => undefined), type, what, e.span));
}

/**
 * The fault run raises for a numeric write of a constant value (`write i32 4294967296 @ p`) or
 * an expect comparing constants (`expect "abc" == 1`), as its step would throw it; null when it
 * passes (a false expect fails its step, it is no error) or holds a name. Run found these only
 * after the steps before them had run, and said the step's line without its column.
 */
export function constantStepFault(step: Step): SequenceFault | null {
  const none = (): undefined => undefined;
  if (step.kind === 'write' && step.type.kind === 'num' && isConstant(step.value)) {
    const { type } = step.type;
    return faultOf(() => fitWritten(type, evaluate(step.value, none), step.value.span));
  }
  if (step.kind === 'expect' && isConstant(step.left) && isConstant(step.right)) {
    return faultOf(() => compare(step.op, evaluate(step.left, none), evaluate(step.right, none), step.span));
  }
  return null;
}

function faultOf(run: () => unknown): SequenceFault | null {
  try {
    run();
    return null;
  } catch (err) {
    if (err instanceof SequenceFault) return err;
    throw err;
  }
}

/**
 * An expression without bound names: its value is the same wherever it runs. A static (`&table`)
 * is one once the module has placed it; unplaced, its own error has been (or will be) said.
 */
export function isConstant(e: Expr): boolean {
  switch (e.kind) {
    case 'name': case 'field': return false;
    case 'static': return e.address !== undefined;
    case 'unary': return isConstant(e.operand);
    case 'binary': return isConstant(e.left) && isConstant(e.right);
    default: return true;
  }
}
