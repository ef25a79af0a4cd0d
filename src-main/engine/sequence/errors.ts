// Sequence errors as values: located MemscopeErrors, the internal exception that carries one
// up to the step boundary, and the `file:line:col` + caret text form.

import type { ErrorCode, MemscopeError } from '../../shared/dto.ts';
import type { Span } from './ast.ts';

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

/** Names from `candidates` within a small edit distance of `name`, closest first. */
export function closeNames(name: string, candidates: Iterable<string>, max = 3): string[] {
  const scored: [number, string][] = [];
  const lower = name.toLowerCase();
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase());
    const limit = Math.floor(Math.max(name.length, c.length) / 3);
    const contains = lower.length >= 3 && c.length >= 3 && (c.toLowerCase().includes(lower) || lower.includes(c.toLowerCase()));
    if (d <= limit || contains) scored.push([d, c]);
  }
  scored.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
  return scored.slice(0, max).map(([, c]) => c);
}

/** ` (did you mean a, b?)` or ''. */
export function suggestion(name: string, candidates: Iterable<string>): string {
  const close = closeNames(name, candidates);
  return close.length ? ` (did you mean ${close.map((c) => `'${c}'`).join(' or ')}?)` : '';
}

/** Optimal string alignment distance: edits plus adjacent transpositions ('rte' → 'ret' is 1). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
