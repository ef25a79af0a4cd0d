// What `memscope dap` says when an expression (the debug console's, a watch's, a data
// breakpoint's) does not parse or evaluate: the engine's message alone ("expected a number …,
// found '*'") did not say where in the expression, and a watch or a long expression left the
// reader to find it. The engine's error carries the column; it is said as a source error is
// (formatSourceError: `file:line:col: message`, the line, a caret), the expression standing for
// the file and its line.

import { sourceWithCaret } from '../engine/index.ts';
import type { MemscopeError } from '../shared/dto.ts';

/**
 * `column 3: message`, then (with `caret`) the expression and a caret under the part that is
 * wrong. Columns count from 1, in the text as evaluated (trimmed). No column: the message alone.
 */
export function expressionError(error: MemscopeError, caret = true): string {
  const w = error.where;
  if (w?.column === undefined) return error.message;
  const head = `column ${w.column}: ${error.message}`;
  if (!caret || w.source === undefined) return head;
  return `${head}\n${sourceWithCaret(w.source, w.column, w.length)}`;
}
