// Sequence errors as values: located MemscopeErrors, the internal exception that carries one
// up to the step boundary, and the `file:line:col` + caret text form.

import type { ErrorCode, MemscopeError } from '../../shared/dto.ts';
import type { Span } from './ast.ts';
import { closeNames } from '../../shared/close-names.ts';
import { commentText } from '../../shared/comment-text.ts';
import { charWidth } from './display-width.ts';

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

/** How many of a sequence's errors are listed (see listedErrors). */
export const LISTED_ERRORS = 50;

/**
 * A sequence's errors as parse and validate give them (run's text and --json, the page, the
 * debug adapter and export-host list them as given): the first `max`, then one that says how
 * many more there are and how many in all, at the first of them (its line and column only: a
 * person goes there next). A sequence of 100,000 bad lines printed 300,000 lines and listed
 * every error in the page. The first error, whose line:column a refusal reports, is kept as it is; a single error
 * past `max` is listed itself rather than counted. `syntax`: the errors are parse's, and the count
 * says so: the lines that parse are checked against the module only once every line does, so
 * "80 in all" of syntax errors read as every error there was.
 */
export function listedErrors(errors: MemscopeError[], { syntax = false, max = LISTED_ERRORS } = {}): MemscopeError[] {
  if (errors.length <= max + 1) return errors;
  const next = errors[max]!;
  const w = next.where;
  const at = w && { ...(w.file !== undefined ? { file: w.file } : {}), ...(w.line !== undefined ? { line: w.line, column: w.column ?? 1 } : {}) };
  // The total, and that the rest come once the listed ones are fixed: "50 errors" alone read as
  // if the count were all there was to fix, or as if the rest were lost.
  const more: MemscopeError = {
    code: next.code,
    message: `… and ${errors.length - max} more ${syntax ? 'syntax ' : ''}errors, ${errors.length} in all, the first of them here: fixing those above lists the next`
      + (syntax ? ' (the checks against the module run once every line parses)' : ''),
  };
  return [...errors.slice(0, max), at ? { ...more, where: at } : more];
}

/** `file:line:col: message`, then the source line and a caret under the span. */
export function formatSourceError(err: MemscopeError): string {
  const w = err.where;
  if (!w || w.line === undefined) return w?.file ? `${w.file}: ${err.message}` : err.message;
  const head = `${w.file ?? '<sequence>'}:${w.line}:${w.column ?? 1}: ${err.message}`;
  if (w.source === undefined) return head;
  return `${head}\n${sourceWithCaret(w.source, w.column ?? 1, w.length)}`;
}

/** Display columns of the shown line past which it is cut to a window around the caret. */
export const SHOWN_LINE_WIDTH = 160;

/**
 * `source`, then a caret line under `length` characters from `column` (1-based; both in UTF-16
 * units, as the error's `line:column` counts). The line is shown as a terminal should print text
 * from a file: controls, line separators, a byte order mark and the bidirectional controls as
 * `\xNN`/`\u{NNNN}` (commentText's escapes; a raw NUL printed nothing, an ESC drove the terminal,
 * an RLM reordered what followed). The caret is padded by the columns each shown character takes
 * (charWidth: a CJK character two, a combining accent none), tabs kept so it lines up under the
 * same tab stops. A line wider than SHOWN_LINE_WIDTH is cut to a window around the caret, `…`
 * at each cut end: a 10,000-character line printed whole wrapped the caret ten screens down.
 */
export function sourceWithCaret(source: string, column: number, length = 1): string {
  const from = Math.max(1, column) - 1;
  const to = from + Math.max(1, length);
  // Each code point as shown, with its width, and whether it lies in the span.
  const cells: { shown: string; width: number; under: boolean }[] = [];
  let at = 0;
  for (const c of source) {
    const shown = commentText(c);
    const width = c === '\t' ? 0 : shown === c ? charWidth(c) : shown.length;
    cells.push({ shown, width, under: at < to && at + c.length > from });
    at += c.length;
  }
  let first = cells.findIndex((c) => c.under);
  if (first < 0) first = cells.length;
  const total = cells.reduce((n, c) => n + c.width, 0);
  let start = 0;
  let end = cells.length;
  if (total > SHOWN_LINE_WIDTH) {
    // Keep a third of the window before the caret (context to its left reads best), the rest after it.
    let left = 0;
    start = first;
    while (start > 0 && left + cells[start - 1]!.width <= SHOWN_LINE_WIDTH / 3) left += cells[--start]!.width;
    let width = left;
    end = first;
    while (end < cells.length && width + cells[end]!.width <= SHOWN_LINE_WIDTH) width += cells[end++]!.width;
  }
  const window = cells.slice(start, end);
  const line = `${start > 0 ? '…' : ''}${window.map((c) => c.shown).join('')}${end < cells.length ? '…' : ''}`;
  let pad = start > 0 ? ' ' : '';
  let carets = 0;
  let reached = false;
  for (const c of window) {
    reached ||= c.under;
    if (c.under) carets += c.width;
    else if (!reached) pad += c.shown === '\t' ? '\t' : ' '.repeat(c.width);
  }
  return `${line}\n${pad}${'^'.repeat(Math.max(1, carets))}`;
}

/** Characters of the file's own text (a name, a literal) a message repeats whole. */
export const QUOTED_MAX = 64;

/**
 * `text` as a message repeats it: whole up to QUOTED_MAX characters, else its start and end around
 * a `…`; controls, line separators and bidirectional controls written as escapes (commentText), as
 * the source line under the message shows them. A megabyte-long literal or name was quoted whole,
 * one message line of a megabyte, and a quoted export name `"a\x00b"` put a raw NUL (an ESC would
 * drive the terminal) into the message.
 */
export function clipped(text: string): string {
  if (text.length <= QUOTED_MAX) return commentText(text);
  // By code point, so an emoji is not cut in half.
  const points = Array.from(text);
  if (points.length <= QUOTED_MAX) return commentText(text);
  return commentText(`${points.slice(0, 40).join('')}…${points.slice(-20).join('')}`);
}

/** `'text'`, clipped. */
export function quoted(text: string): string {
  return `'${clipped(text)}'`;
}

/** ` (did you mean a, b?)` or ''. */
export function suggestion(name: string, candidates: Iterable<string>): string {
  const close = closeNames(name, candidates);
  return close.length ? ` (did you mean ${close.map(quoted).join(' or ')}?)` : '';
}
