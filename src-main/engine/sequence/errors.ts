// Sequence errors as values: located MemscopeErrors, the internal exception that carries one
// up to the step boundary, and the `file:line:col` + caret text form.

import type { ErrorCode, MemscopeError } from '../../shared/dto.ts';
import type { Span } from './ast.ts';
import { closeNames } from '../../shared/close-names.ts';

/** Where a span of a sequence line sits, for an error. */
export interface LineRef {
  file?: string;
  source: string;
}

export function locatedError(code: ErrorCode, message: string, ref: LineRef, span: Span): MemscopeError {
  const where = { line: span.line, column: span.column, source: ref.source, length: Math.max(1, span.length) };
  return { code, message, where: ref.file === undefined ? where : { file: ref.file, ...where } };
}

/** Thrown inside evaluation and execution; the step boundary turns it into an error value. */
export class SequenceFault extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly span?: Span) {
    super(message);
    this.name = 'SequenceFault';
  }
}

/** `file:line:col: message`, then the source line and a caret under the span. */
export function formatSourceError(err: MemscopeError): string {
  const w = err.where;
  if (!w || w.line === undefined) return w?.file ? `${w.file}: ${err.message}` : err.message;
  const head = `${w.file ?? '<sequence>'}:${w.line}:${w.column ?? 1}: ${err.message}`;
  if (w.source === undefined) return head;
  return `${head}\n${sourceWithCaret(w.source, w.column ?? 1, w.length)}`;
}

/** `source`, then a caret line under `length` characters from `column` (1-based). */
export function sourceWithCaret(source: string, column: number, length = 1): string {
  // Keep tabs so the caret lines up under the same columns the terminal shows.
  const pad = source.slice(0, Math.max(1, column) - 1).replace(/[^\t]/g, ' ');
  return `${source}\n${pad}${'^'.repeat(Math.max(1, length))}`;
}

/** ` (did you mean a, b?)` or ''. */
export function suggestion(name: string, candidates: Iterable<string>): string {
  const close = closeNames(name, candidates);
  return close.length ? ` (did you mean ${close.map((c) => `'${c}'`).join(' or ')}?)` : '';
}
