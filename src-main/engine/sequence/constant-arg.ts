// Run's refusal of a call argument, known before anything runs when the argument has no bound
// names: export-host refuses what `memscope run` would (its own evaluation and conversion, not a
// copy of the rules), since a host written for it would not compile or would do something else.

import type { MemscopeError, ValType } from '../../shared/dto.ts';
import type { Expr } from './ast.ts';
import { toWasmArg } from './convert.ts';
import { locatedError, SequenceFault } from './errors.ts';
import { evaluate } from './expr.ts';

/**
 * The error run raises for argument `e` of type `type` (`what`: `argument 1 of report`), at its
 * file:line:column; null when it passes, or has names and is known only when it runs.
 */
export function constantArgRefusal(e: Expr, type: ValType, what: string, at: { file?: string; source: string }): MemscopeError | null {
  if (!isConstant(e)) return null;
  try {
    toWasmArg(evaluate(e, () => undefined), type, what, e.span);
    return null;
  } catch (err) {
    if (err instanceof SequenceFault) return locatedError(err.code, err.message, at, err.span ?? e.span);
    throw err;
  }
}

/** An expression without bound names: its value is the same wherever it runs. */
export function isConstant(e: Expr): boolean {
  switch (e.kind) {
    case 'name': case 'field': return false;
    case 'unary': return isConstant(e.operand);
    case 'binary': return isConstant(e.left) && isConstant(e.right);
    default: return true;
  }
}
